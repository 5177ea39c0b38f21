"""Every query on the inspection topics: nationwide reference data, the same for every reader,
changed only by a nationwide principal (`api.core.coded`)."""

from api.core.coded import CodedRepository
from api.inspections.models import TOPICS_CACHE_KEY, InspectionTopic


class TopicRepository(CodedRepository[InspectionTopic]):
    """Topics: the codes a plan, team or finding names."""

    model = InspectionTopic
    not_found_code = "topic_not_found"
    noun = "Topic"
    changes = "changes the inspection topics"
    cache_key = TOPICS_CACHE_KEY
    described = "inspection topic"
