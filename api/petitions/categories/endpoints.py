"""HTTP routes of /api/v1/petitions/categories (included by the petitions router)."""

from typing import Annotated

from fastapi import APIRouter, Response

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch
from api.core.permissions import Permission
from api.core.repository import repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.petitions.categories import service
from api.petitions.categories.repository import CategoryRepository
from api.petitions.categories.schemas import CategoryRead, CategoryWrite
from api.petitions.models import PetitionCategory

router = APIRouter(prefix="/categories", route_class=UnitOfWorkRoute)

Categories = Annotated[CategoryRepository, repository(CategoryRepository)]


def _read(category: PetitionCategory, response: Response) -> CategoryRead:
    response.headers["ETag"] = service.category_etag(category)
    return CategoryRead.model_validate(category)


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


@router.get(
    "/{code}",
    operation_id="petitions-categories-get",
    summary="Get a petition category",
    response_model=CategoryRead,
    responses=problems(404, codes={404: ["category_not_found"]}),
)
async def get_category(
    categories: Categories,
    code: str,
    response: Response,
    _principal: Principal = Authorize(Permission.PETITIONS_READ),
) -> CategoryRead:
    """One category, with its `ETag` for a later conditional `PUT`."""
    return _read(await categories.get(code), response)


@router.put(
    "/{code}",
    operation_id="petitions-categories-put",
    summary="Create or change a petition category",
    response_model=CategoryRead,
    responses=problems(403, 412, 422, codes={403: NATIONWIDE_ONLY, 422: ["code_mismatch"]}),
)
async def put_category(
    session: Session,
    code: str,
    body: CategoryWrite,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.REFERENCE_DATA_MANAGE),
) -> CategoryRead:
    """Add a category or rename, reorder or deactivate one; a category in use is deactivated, never removed.
    With `If-Match`, only the category as last read is replaced (412 otherwise, and for a new code)."""
    return _read(await service.put_category(session, principal, code, body, if_match), response)
