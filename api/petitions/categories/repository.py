"""Every query on the subject taxonomy: nationwide reference data, the same for every reader."""

from typing import Any

from api.core.repository import Repository
from api.petitions.categories.models import PetitionCategory


class CategoryRepository(Repository[PetitionCategory, Any]):
    model = PetitionCategory
    not_found_code = "category_not_found"
    noun = "Category"

    async def find(self, key: Any) -> PetitionCategory | None:
        # Keyed by its code, not an id.
        found: PetitionCategory | None = await self.session.scalar(
            self.select().where(PetitionCategory.code == key)
        )
        return found

    async def in_order(self) -> list[PetitionCategory]:
        stmt = self.select().order_by(PetitionCategory.position, PetitionCategory.code)
        return list(await self.session.scalars(stmt))
