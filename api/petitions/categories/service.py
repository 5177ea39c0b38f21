"""Changing the subject taxonomy: a nationwide administrator adds, renames, reorders or deactivates
a category; one in use is deactivated, never removed (cases name it)."""

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.access import Principal, require_nationwide
from api.core.errors import FieldError, ValidationFailed, invalid_field
from api.petitions.categories.models import PetitionCategory
from api.petitions.categories.repository import CategoryRepository
from api.petitions.categories.schemas import CategoryWrite


async def active_category(session: AsyncSession, principal: Principal, code: str) -> PetitionCategory:
    """The category a case is filed under: it must exist and be active (422 on `category`)."""
    category = await CategoryRepository(session, principal).find(code)
    if category is None or not category.active:
        raise invalid_field(
            "category",
            "unknown_category",
            f"'{code}' is not an active category; see GET /petitions/categories.",
        )
    return category


async def put_category(
    session: AsyncSession, principal: Principal, code: str, body: CategoryWrite
) -> PetitionCategory:
    require_nationwide(principal, "changes the categories")
    if body.code != code:
        raise ValidationFailed(
            "The body's code must match the path's.",
            code="code_mismatch",
            errors=[FieldError(field="code", code="code_mismatch", message="differs from the path")],
        )
    category = await CategoryRepository(session, principal).find(code)
    if category is None:
        category = PetitionCategory(code=code)
        session.add(category)
    for name, value in body.model_dump().items():
        setattr(category, name, value)
    await session.flush()
    return category
