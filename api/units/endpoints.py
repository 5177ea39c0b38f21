"""HTTP routes of /api/v1/units: parse, call one service function, shape the answer."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import NATIONWIDE_ONLY, problems
from api.core.schemas import Page
from api.core.throttle import RateLimit
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.units import reorganizations, service
from api.units.models import Reorganization, Unit
from api.units.repository import ReorganizationRepository, UnitRepository
from api.units.schemas import (
    ChildrenQuery,
    LineageRead,
    OfficialLoadReport,
    OfficialLoadRequest,
    ReorganizationCreate,
    ReorganizationListQuery,
    ReorganizationRead,
    RetireRequest,
    TreeQuery,
    UnitCreate,
    UnitListQuery,
    UnitRead,
    UnitSummary,
    UnitTreeNode,
    UnitUpdate,
)

units_router = APIRouter(prefix="/units", tags=["units"], route_class=UnitOfWorkRoute)
reorganization_router = APIRouter(
    prefix="/units/reorganizations", tags=["reorganizations"], route_class=UnitOfWorkRoute
)

Units = Annotated[UnitRepository, repository(UnitRepository)]
Reorganizations = Annotated[ReorganizationRepository, repository(ReorganizationRepository)]
CurrentUnit = Annotated[Unit, current(UnitRepository, "unit_id")]
CurrentReorganization = Annotated[Reorganization, current(ReorganizationRepository, "reorganization_id")]
NOT_FOUND = problems(404, codes={404: ["unit_not_found"]})
# A whole-country load is heavy; a script looping on it must not take the database down.
OFFICIAL_LOAD_LIMIT = RateLimit("official-load", limit=10, window=timedelta(hours=1))


def _read(unit: Unit, response: Response) -> UnitRead:
    set_etag(response, unit.version)
    return UnitRead.model_validate(unit)


@units_router.get(
    "",
    operation_id="units-list",
    summary="List units",
    response_model=Page[UnitRead],
    responses=NOT_FOUND,
)
@exportable
async def list_units(
    units: Units,
    cursors: Cursors,
    query: Annotated[UnitListQuery, Query()],
    _: Principal = Authorize(Permission.UNITS_READ),
) -> Page[UnitRead]:
    """Units matching every filter given, one page at a time; active units only unless asked.
    Sorting by `name` ignores diacritics."""
    return Page[UnitRead].model_validate(await units.page(query, cursors))


@units_router.post(
    "",
    operation_id="units-create",
    summary="Create a unit",
    status_code=status.HTTP_201_CREATED,
    response_model=UnitRead,
    responses=problems(
        403,
        409,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            409: ["duplicate_code", "duplicate_external_ref"],
            422: ["invalid_parent_kind", "parent_not_found", "parent_retired", "idempotency_key_reused"],
        },
    ),
)
async def create_unit(
    session: Session,
    body: UnitCreate,
    response: Response,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> UnitRead:
    """Register a unit under its parent; `Location` names the new unit. Only a nationwide principal
    creates a unit without a parent (`nationwide_only`)."""
    unit = await service.create_unit(session, principal, body)
    response.headers["Location"] = f"/api/v1/units/{unit.id}"
    return _read(unit, response)


@units_router.get(
    "/tree",
    operation_id="units-tree-list",
    summary="Tree of units",
    response_model=list[UnitTreeNode],
    responses=NOT_FOUND,
)
async def unit_tree(
    session: Session,
    query: Annotated[TreeQuery, Query()],
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> list[UnitTreeNode]:
    """Top-level units, or one unit, with `depth` levels of children, for a lazily expanded tree."""
    return await service.tree(session, principal, query.root_id, query.depth, query.include_retired)


@units_router.post(
    "/official-loads",
    operation_id="units-official-loads-create",
    summary="Load the official administrative units",
    response_model=OfficialLoadReport,
    responses=problems(403, codes={403: NATIONWIDE_ONLY}),
    dependencies=[Depends(OFFICIAL_LOAD_LIMIT)],
)
async def load_official_units(
    session: Session, body: OfficialLoadRequest, principal: Principal = Authorize(Permission.UNITS_WRITE)
) -> OfficialLoadReport:
    """Load or refresh the official units (legacy or 2025 edition), optionally with the 2025 reform's
    lineage; idempotent, so a repeated load changes nothing."""
    return await service.load_official_units(session, principal, body)


@units_router.get(
    "/{unit_id:uuid}",
    operation_id="units-get",
    summary="Get a unit",
    response_model=UnitRead,
    responses=NOT_FOUND,
)
async def get_unit(
    unit: CurrentUnit, response: Response, _: Principal = Authorize(Permission.UNITS_READ)
) -> UnitRead:
    """One unit, with its `ETag` for a later conditional update."""
    return _read(unit, response)


@units_router.patch(
    "/{unit_id:uuid}",
    operation_id="units-update",
    summary="Update or move a unit",
    response_model=UnitRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            404: ["unit_not_found"],
            409: ["duplicate_code", "unit_cycle", "duplicate_external_ref"],
            422: ["invalid_parent_kind", "children_do_not_fit", "parent_not_found", "parent_retired"],
        },
    ),
)
async def update_unit(
    session: Session,
    unit: CurrentUnit,
    body: UnitUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> UnitRead:
    """Change the given fields; a new `parent_id` moves the unit with its whole subtree. Only a
    nationwide principal moves a unit to the top (`parent_id: null`, else `nationwide_only`)."""
    return _read(await service.update_unit(session, principal, unit, body, if_match), response)


@units_router.delete(
    "/{unit_id:uuid}",
    operation_id="units-delete",
    summary="Delete a unit created by mistake",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(
        404, 409, 412, codes={404: ["unit_not_found"], 409: ["unit_has_children", "unit_in_lineage"]}
    ),
)
async def delete_unit(
    session: Session,
    unit: CurrentUnit,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> Response:
    """Remove a unit nothing refers to; any other unit is retired instead, never deleted."""
    await service.delete_unit(session, principal, unit, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@units_router.post(
    "/{unit_id:uuid}/retire",
    operation_id="units-retire",
    summary="Retire a unit",
    response_model=UnitRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={
            404: ["unit_not_found"],
            409: ["unit_retired", "unit_has_active_children"],
            422: ["date_in_future", "date_before_valid_from"],
        },
    ),
)
async def retire_unit(
    session: Session,
    unit: CurrentUnit,
    body: RetireRequest,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> UnitRead:
    """End a unit's life on a date; it stays readable, with its history, for the facts that name it."""
    return _read(await service.retire_unit(session, principal, unit, body.effective_date, if_match), response)


@units_router.get(
    "/{unit_id:uuid}/children",
    operation_id="units-children-list",
    summary="List a unit's children",
    response_model=Page[UnitRead],
    responses=NOT_FOUND,
)
@exportable
async def list_children(
    units: Units,
    cursors: Cursors,
    unit: CurrentUnit,
    query: Annotated[ChildrenQuery, Query()],
    _: Principal = Authorize(Permission.UNITS_READ),
) -> Page[UnitRead]:
    """Direct children of a unit, one page at a time, sorted like the unit list."""
    children = UnitListQuery(parent_id=unit.id, **query.model_dump())
    return Page[UnitRead].model_validate(await units.page(children, cursors, named={"parent_id": unit}))


@units_router.get(
    "/{unit_id:uuid}/ancestors",
    operation_id="units-ancestors-list",
    summary="A unit's ancestors",
    response_model=list[UnitSummary],
    responses=NOT_FOUND,
)
async def list_ancestors(
    session: Session, unit: CurrentUnit, principal: Principal = Authorize(Permission.UNITS_READ)
) -> list[UnitSummary]:
    """From the root down to the unit's parent: the breadcrumb."""
    return [UnitSummary.model_validate(u) for u in await service.ancestors(session, principal, unit)]


@units_router.get(
    "/{unit_id:uuid}/lineage",
    operation_id="units-lineage-get",
    summary="A unit's lineage",
    response_model=LineageRead,
    responses=NOT_FOUND,
)
async def get_lineage(
    session: Session, unit: CurrentUnit, principal: Principal = Authorize(Permission.UNITS_READ)
) -> LineageRead:
    """Which units it came from and which it became, transitively, through every reorganization."""
    return await service.lineage(session, principal, unit)


@reorganization_router.get(
    "",
    operation_id="units-reorganizations-list",
    summary="List reorganizations",
    response_model=Page[ReorganizationRead],
    responses=NOT_FOUND,
)
@exportable
async def list_reorganizations(
    session: Session,
    cursors: Cursors,
    query: Annotated[ReorganizationListQuery, Query()],
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> Page[ReorganizationRead]:
    """Merges, splits, renames and changes of kind, newest first."""
    return await reorganizations.page(session, principal, query, cursors)


@reorganization_router.post(
    "",
    operation_id="units-reorganizations-create",
    summary="Record a reorganization",
    status_code=status.HTTP_201_CREATED,
    response_model=ReorganizationRead,
    responses=problems(
        403,
        409,
        422,
        codes={
            403: NATIONWIDE_ONLY,
            409: ["unit_retired", "duplicate_code", "unit_cycle", "duplicate_external_ref"],
            422: [
                "invalid_reorganization",
                "duplicate_unit",
                "children_unassigned",
                "invalid_parent_kind",
                "parent_not_found",
                "parent_retired",
                "unit_not_found",
                "date_in_future",
                "date_before_valid_from",
            ],
        },
    ),
)
async def create_reorganization(
    session: Session,
    body: ReorganizationCreate,
    response: Response,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> ReorganizationRead:
    """Apply a merge, split, rename or change of kind atomically: predecessors retired on the date,
    successors kept or created, children re-parented, lineage recorded. Only a nationwide principal
    creates a successor without a parent (`nationwide_only`)."""
    reorg = await reorganizations.reorganize(session, principal, body)
    response.headers["Location"] = f"/api/v1/units/reorganizations/{reorg.id}"
    return await reorganizations.read_reorganization(session, principal, reorg)


@reorganization_router.get(
    "/{reorganization_id:uuid}",
    operation_id="units-reorganizations-get",
    summary="Get a reorganization",
    response_model=ReorganizationRead,
    responses=problems(404, codes={404: ["reorganization_not_found"]}),
)
async def get_reorganization(
    session: Session,
    reorganization: CurrentReorganization,
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> ReorganizationRead:
    """One reorganization with its predecessors, successors and in-place changes."""
    return await reorganizations.read_reorganization(session, principal, reorganization)


router = APIRouter()
router.include_router(reorganization_router)
router.include_router(units_router)
