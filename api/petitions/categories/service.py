"""Changing the subject taxonomy: a nationwide administrator adds, renames, reorders or deactivates
a category; one in use is deactivated, never removed (cases name it).

A category has no version: its tag is a digest of what it says (`category_etag`)."""

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal
from api.core.coded import put_coded
from api.core.errors import invalid_field
from api.core.etag import content_etag
from api.petitions.categories.repository import CategoryRepository
from api.petitions.categories.schemas import CategoryRead, CategoryWrite
from api.petitions.models import PetitionCategory


def category_etag(category: PetitionCategory) -> str:
    return content_etag(CategoryRead.model_validate(category).model_dump(mode="json"))


async def active_category(session: AsyncSession, principal: Principal, code: str) -> None:
    """The category a case is filed under must exist and be active (422 on `category`)."""
    if code not in await CategoryRepository(session, principal).active_codes():
        raise invalid_field(
            "category",
            "unknown_category",
            f"'{code}' is not an active category; see GET /petitions/categories.",
        )


async def put_category(
    session: AsyncSession, principal: Principal, code: str, body: CategoryWrite, if_match: str | None
) -> PetitionCategory:
    """With `if_match`, only the category as last read is replaced (412 otherwise, and for a new code)."""
    return await put_coded(CategoryRepository(session, principal), code, body, if_match, category_etag)
