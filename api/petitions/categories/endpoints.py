"""HTTP routes of /api/v1/petitions/categories (included by the petitions router)."""

from typing import Annotated

from fastapi import APIRouter

from api.core.access import Authorize, Principal
from api.core.permissions import Permission
from api.core.repository import repository
from api.core.responses import problems
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions.categories import service
from api.petitions.categories.repository import CategoryRepository
from api.petitions.categories.schemas import CategoryRead, CategoryWrite

router = APIRouter(prefix="/categories", route_class=UnitOfWorkRoute)

Categories = Annotated[CategoryRepository, repository(CategoryRepository)]


@router.get(
    "",
    operation_id="petitions-categories-list",
    summary="List petition categories",
    response_model=list[CategoryRead],
)
async def list_categories(
    categories: Categories, _principal: Principal = Authorize(Permission.PETITIONS_READ)
) -> list[CategoryRead]:
    """The subject taxonomy (land, compensation and site clearance, social policy, …), inactive ones included."""
    return [CategoryRead.model_validate(c) for c in await categories.in_order()]


@router.put(
    "/{code}",
    operation_id="petitions-categories-put",
    summary="Create or change a petition category",
    response_model=CategoryRead,
    responses=problems(
        403, 422, codes={403: ["permission_denied", "nationwide_only"], 422: ["code_mismatch"]}
    ),
)
async def put_category(
    session: Session,
    code: str,
    body: CategoryWrite,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CategoryRead:
    """Add a category or rename, reorder or deactivate one; a category in use is deactivated, never removed."""
    return CategoryRead.model_validate(await service.put_category(session, principal, code, body))
