"""HTTP routes of /api/v1/inspections/topics (included by the inspections router)."""

from typing import Annotated

from fastapi import APIRouter, Response

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.permissions import Permission
from api.core.repository import repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.inspections.models import InspectionTopic
from api.inspections.topics import service
from api.inspections.topics.repository import TopicRepository
from api.inspections.topics.schemas import InspectionTopicRead, InspectionTopicWrite

router = APIRouter(prefix="/topics", route_class=UnitOfWorkRoute)

Topics = Annotated[TopicRepository, repository(TopicRepository)]


def _read(topic: InspectionTopic, response: Response) -> InspectionTopicRead:
    response.headers["ETag"] = service.topic_etag(topic)
    return InspectionTopicRead.model_validate(topic)


@router.get(
    "",
    operation_id="inspections-topics-list",
    summary="List inspection topics",
    response_model=list[InspectionTopicRead],
)
async def list_topics(
    topics: Topics, _principal: Principal = Authorize(Permission.INSPECTIONS_READ)
) -> list[InspectionTopicRead]:
    """The contents of grassroots democracy a plan or team checks, inactive ones included."""
    return [InspectionTopicRead.model_validate(t) for t in await topics.in_order()]


@router.get(
    "/{code}",
    operation_id="inspections-topics-get",
    summary="Get an inspection topic",
    response_model=InspectionTopicRead,
    responses=problems(404, codes={404: ["topic_not_found"]}),
)
async def get_topic(
    topics: Topics,
    code: str,
    response: Response,
    _principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> InspectionTopicRead:
    """One topic, with its `ETag` for a later conditional `PUT`."""
    return _read(await topics.get(code), response)


@router.put(
    "/{code}",
    operation_id="inspections-topics-put",
    summary="Create or change an inspection topic",
    response_model=InspectionTopicRead,
    responses=problems(403, 412, 422, codes={403: NATIONWIDE_ONLY, 422: ["code_mismatch"]}),
)
async def put_topic(
    session: Session,
    code: str,
    body: InspectionTopicWrite,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> InspectionTopicRead:
    """Add a topic or rename, reorder or deactivate one; a topic in use is deactivated, never removed.
    With `If-Match`, only the topic as last read is replaced (412 otherwise, and for a new code)."""
    return _read(await service.put_topic(session, principal, code, body, if_match), response)
