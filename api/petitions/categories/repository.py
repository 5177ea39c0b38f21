"""Every query on the subject taxonomy: nationwide reference data, the same for every reader,
changed only by a nationwide principal."""

from typing import Any

from sqlalchemy import select

from api.core.errors import NotFound
from api.core.repository import ReferenceRepository
from api.core.shared_cache import cached
from api.petitions.models import CATEGORIES_CACHE_KEY, PetitionCategory


class CategoryRepository(ReferenceRepository[PetitionCategory, Any]):
    """Categories are found by their code, which is their key."""

    model = PetitionCategory
    not_found_code = "category_not_found"
    noun = "Category"
    changes = "changes the categories"

    def not_found(self, key: object) -> NotFound:
        return NotFound(f"No category '{key}'.", code=self.not_found_code)

    async def find(self, key: Any) -> PetitionCategory | None:
        found: PetitionCategory | None = await self.session.scalar(
            self.select().where(PetitionCategory.code == key)
        )
        return found

    async def in_order(self) -> list[PetitionCategory]:
        stmt = self.select().order_by(PetitionCategory.position, PetitionCategory.code)
        return list(await self.session.scalars(stmt))

    async def active_codes(self) -> frozenset[str]:
        """The codes a case may be filed under, as the worker keeps them (read again on a change)."""

        async def read() -> frozenset[str]:
            return frozenset(
                await self.session.scalars(select(PetitionCategory.code).where(PetitionCategory.active))
            )

        return await cached(self.session, CATEGORIES_CACHE_KEY, read)
