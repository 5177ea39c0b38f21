"""Every query on the inspection topics: nationwide reference data, the same for every reader,
changed only by a nationwide principal."""

from typing import Any

from sqlalchemy import select

from api.core.errors import NotFound
from api.core.repository import ReferenceRepository
from api.core.shared_cache import cached
from api.inspections.models import TOPICS_CACHE_KEY, InspectionTopic


class TopicRepository(ReferenceRepository[InspectionTopic, Any]):
    """Topics are found by their code, which is their key."""

    model = InspectionTopic
    not_found_code = "topic_not_found"
    noun = "Topic"
    changes = "changes the inspection topics"

    def not_found(self, key: object) -> NotFound:
        return NotFound(f"No inspection topic '{key}'.", code=self.not_found_code)

    async def find(self, key: Any) -> InspectionTopic | None:
        found: InspectionTopic | None = await self.session.scalar(
            self.select().where(InspectionTopic.code == key)
        )
        return found

    async def in_order(self) -> list[InspectionTopic]:
        stmt = self.select().order_by(InspectionTopic.position, InspectionTopic.code)
        return list(await self.session.scalars(stmt))

    async def active_codes(self) -> frozenset[str]:
        """The codes a plan or team may name, as the worker keeps them (read again on a change)."""

        async def read() -> frozenset[str]:
            return frozenset(
                await self.session.scalars(select(InspectionTopic.code).where(InspectionTopic.active))
            )

        return await cached(self.session, TOPICS_CACHE_KEY, read)
