"""Changing the topics checked: a nationwide administrator adds, renames, reorders or deactivates
a topic; one in use is deactivated, never removed (plans and teams name it).

A topic has no version: its tag is a digest of what it says (`topic_etag`)."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.coded import put_coded
from api.core.errors import invalid_field
from api.core.etag import content_etag
from api.inspections.models import InspectionTopic
from api.inspections.topics.repository import TopicRepository
from api.inspections.topics.schemas import InspectionTopicRead, InspectionTopicWrite


def topic_etag(topic: InspectionTopic) -> str:
    return content_etag(InspectionTopicRead.model_validate(topic).model_dump(mode="json"))


async def check_topics(
    session: AsyncSession,
    principal: Principal,
    codes: Sequence[str],
    kept: Sequence[str] = (),
    field: str = "topics",
) -> None:
    """Each topic named must be active (422 `unknown_topic` on `field`); `kept` are those the
    record already names, which stay valid after a topic is deactivated."""
    active = await TopicRepository(session, principal).active_codes()
    unknown = [code for code in codes if code not in active and code not in kept]
    if unknown:
        raise invalid_field(
            field,
            "unknown_topic",
            f"Not an active topic: {', '.join(unknown)}; see GET /inspections/topics.",
        )


async def put_topic(
    session: AsyncSession, principal: Principal, code: str, body: InspectionTopicWrite, if_match: str | None
) -> InspectionTopic:
    """With `if_match`, only the topic as last read is replaced (412 otherwise, and for a new code)."""
    return await put_coded(TopicRepository(session, principal), code, body, if_match, topic_etag)
