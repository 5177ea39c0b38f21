"""HTTP routes of /api/v1/units: parse, call one service function, shape the answer."""

import uuid
from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.errors import Forbidden
from api.core.etag import IfMatch, set_etag
from api.core.pagination import Cursors, SortField, Sorting, paginate
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.schemas import Page
from api.core.throttle import RateLimit
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.units import official, reorganizations, service
from api.units.models import Reorganization, Unit
from api.units.repository import UnitFilter, UnitRepository
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

router = APIRouter(prefix="/units", tags=["units"], route_class=UnitOfWorkRoute)
reorganization_router = APIRouter(
    prefix="/units/reorganizations", tags=["reorganizations"], route_class=UnitOfWorkRoute
)

REORG_SORTING = Sorting(
    entity=Reorganization,
    fields={
        "effective_date": SortField("effective_date", "effective_date", date),
        "created_at": SortField("created_at", "created_at", datetime),
    },
    default="-effective_date",
    tiebreak=SortField("id", "id", uuid.UUID),
)
NOT_FOUND = problems(404, codes={404: ["unit_not_found"]})
# A unit without a parent is outside every jurisdiction but the whole country's.
TOP_LEVEL = ["permission_denied", "nationwide_only"]
# A whole-country load is heavy; a script looping on it must not take the database down.
OFFICIAL_LOAD_LIMIT = RateLimit("official-load", limit=10, window=timedelta(hours=1))


def _read(unit: Unit, response: Response) -> UnitRead:
    set_etag(response, unit.version)
    return UnitRead.model_validate(unit)


@router.get(
    "",
    operation_id="units-list",
    summary="List units",
    response_model=Page[UnitRead],
    responses=problems(
        400, 404, 422, codes={400: ["invalid_cursor"], 404: ["unit_not_found"], 422: ["invalid_sort"]}
    ),
)
async def list_units(
    session: Session,
    cursors: Cursors,
    query: Annotated[UnitListQuery, Query()],
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> Page[UnitRead]:
    """Units matching every filter given, one page at a time; active units only unless asked.
    Sort fields: `name` (default; ignores diacritics), `code`, `kind`, `depth`, `created_at`, `updated_at`."""
    repo = UnitRepository(session, principal.jurisdiction)
    within_path = (await repo.get(query.within_unit_id)).path if query.within_unit_id else None
    page = await repo.page(
        UnitFilter(
            kinds=query.kind,
            parent_id=query.parent_id,
            within_path=within_path,
            query=query.q,
            code=query.code,
            include_retired=query.include_retired,
            as_of=query.as_of,
            external_source=query.external_source,
            external_id=query.external_id,
        ),
        query,
        cursors,
    )
    return Page[UnitRead](**page)


@router.post(
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
            403: TOP_LEVEL,
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
    unit = await service.create_unit(session, principal.jurisdiction, body)
    response.headers["Location"] = f"/api/v1/units/{unit.id}"
    return _read(unit, response)


@router.get(
    "/tree",
    operation_id="units-tree",
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
    return await service.tree(
        session, principal.jurisdiction, query.root_id, query.depth, query.include_retired
    )


@router.post(
    "/official-loads",
    operation_id="units-load-official",
    summary="Load the official administrative units",
    response_model=OfficialLoadReport,
    responses=problems(422, 429),
    dependencies=[Depends(OFFICIAL_LOAD_LIMIT)],
)
async def load_official_units(
    session: Session, body: OfficialLoadRequest, principal: Principal = Authorize(Permission.UNITS_WRITE)
) -> OfficialLoadReport:
    """Load or refresh the official units (legacy or 2025 edition), optionally with the 2025 reform's
    lineage; idempotent, so a repeated load changes nothing."""
    if not principal.jurisdiction.nationwide:
        raise Forbidden(
            "Only a nationwide administrator loads the country's official units.", code="nationwide_only"
        )
    return await official.load(session, body.edition, body.province_code, body.with_lineage)


@router.get(
    "/{unit_id:uuid}",
    operation_id="units-get",
    summary="Get a unit",
    response_model=UnitRead,
    responses=NOT_FOUND,
)
async def get_unit(
    session: Session,
    unit_id: uuid.UUID,
    response: Response,
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> UnitRead:
    """One unit, with its `ETag` for a later conditional update."""
    return _read(await UnitRepository(session, principal.jurisdiction).get(unit_id), response)


@router.patch(
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
            403: TOP_LEVEL,
            409: ["duplicate_code", "unit_cycle"],
            422: ["invalid_parent_kind", "children_do_not_fit"],
        },
    ),
)
async def update_unit(
    session: Session,
    unit_id: uuid.UUID,
    body: UnitUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> UnitRead:
    """Change the given fields; a new `parent_id` moves the unit with its whole subtree. Only a
    nationwide principal moves a unit to the top (`parent_id: null`, else `nationwide_only`)."""
    unit = await UnitRepository(session, principal.jurisdiction).get(unit_id)
    return _read(await service.update_unit(session, principal.jurisdiction, unit, body, if_match), response)


@router.delete(
    "/{unit_id:uuid}",
    operation_id="units-delete",
    summary="Delete a unit created by mistake",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(404, 409, 412, codes={409: ["unit_has_children", "unit_in_lineage"]}),
)
async def delete_unit(
    session: Session,
    unit_id: uuid.UUID,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> Response:
    """Remove a unit nothing refers to; any other unit is retired instead, never deleted."""
    unit = await UnitRepository(session, principal.jurisdiction).get(unit_id)
    await service.delete_unit(session, principal.jurisdiction, unit, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{unit_id:uuid}/retire",
    operation_id="units-retire",
    summary="Retire a unit",
    response_model=UnitRead,
    responses=problems(
        404, 409, 412, 422, codes={409: ["unit_retired", "unit_has_active_children"], 422: ["date_in_future"]}
    ),
)
async def retire_unit(
    session: Session,
    unit_id: uuid.UUID,
    body: RetireRequest,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.UNITS_WRITE),
) -> UnitRead:
    """End a unit's life on a date; it stays readable, with its history, for the facts that name it."""
    unit = await UnitRepository(session, principal.jurisdiction).get(unit_id)
    return _read(
        await service.retire_unit(session, principal.jurisdiction, unit, body.effective_date, if_match),
        response,
    )


@router.get(
    "/{unit_id:uuid}/children",
    operation_id="units-children",
    summary="List a unit's children",
    response_model=Page[UnitRead],
    responses=problems(400, 404, 422, codes={404: ["unit_not_found"]}),
)
async def list_children(
    session: Session,
    cursors: Cursors,
    unit_id: uuid.UUID,
    query: Annotated[ChildrenQuery, Query()],
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> Page[UnitRead]:
    """Direct children of a unit, one page at a time, sorted like the unit list."""
    repo = UnitRepository(session, principal.jurisdiction)
    await repo.get(unit_id)
    return Page[UnitRead](
        **await repo.page(
            UnitFilter(parent_id=unit_id, include_retired=query.include_retired), query, cursors
        )
    )


@router.get(
    "/{unit_id:uuid}/ancestors",
    operation_id="units-ancestors",
    summary="A unit's ancestors",
    response_model=list[UnitSummary],
    responses=NOT_FOUND,
)
async def list_ancestors(
    session: Session, unit_id: uuid.UUID, principal: Principal = Authorize(Permission.UNITS_READ)
) -> list[UnitSummary]:
    """From the root down to the unit's parent: the breadcrumb."""
    unit = await UnitRepository(session, principal.jurisdiction).get(unit_id)
    return [
        UnitSummary.model_validate(u) for u in await service.ancestors(session, principal.jurisdiction, unit)
    ]


@router.get(
    "/{unit_id:uuid}/lineage",
    operation_id="units-lineage",
    summary="A unit's lineage",
    response_model=LineageRead,
    responses=NOT_FOUND,
)
async def get_lineage(
    session: Session, unit_id: uuid.UUID, principal: Principal = Authorize(Permission.UNITS_READ)
) -> LineageRead:
    """Which units it came from and which it became, transitively, through every reorganization."""
    return await service.lineage(
        session, principal.jurisdiction, await UnitRepository(session, principal.jurisdiction).get(unit_id)
    )


@reorganization_router.get(
    "",
    operation_id="reorganizations-list",
    summary="List reorganizations",
    response_model=Page[ReorganizationRead],
    responses=problems(400, 404, 422, codes={404: ["unit_not_found"]}),
)
async def list_reorganizations(
    session: Session,
    cursors: Cursors,
    query: Annotated[ReorganizationListQuery, Query()],
    principal: Principal = Authorize(Permission.UNITS_READ),
) -> Page[ReorganizationRead]:
    """Merges, splits, renames and changes of kind, newest first. Sort fields: `effective_date`, `created_at`."""
    repo = UnitRepository(session, principal.jurisdiction)
    path = (await repo.get(query.within_unit_id)).path if query.within_unit_id else None
    stmt = repo.reorganizations(path, query.effective_from, query.effective_to)
    page = await paginate(session, stmt, REORG_SORTING, query, cursors)
    page["items"] = await reorganizations.read_reorganizations(session, principal.jurisdiction, page["items"])
    return Page[ReorganizationRead](**page)


@reorganization_router.post(
    "",
    operation_id="reorganizations-create",
    summary="Record a reorganization",
    status_code=status.HTTP_201_CREATED,
    response_model=ReorganizationRead,
    responses=problems(
        403,
        409,
        422,
        codes={
            403: TOP_LEVEL,
            409: ["unit_retired", "duplicate_code", "unit_cycle"],
            422: ["invalid_reorganization", "children_unassigned", "unit_not_found", "date_in_future"],
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
    reorg = await reorganizations.reorganize(session, principal.jurisdiction, body)
    response.headers["Location"] = f"/api/v1/units/reorganizations/{reorg.id}"
    return await reorganizations.read_reorganization(session, principal.jurisdiction, reorg)


@reorganization_router.get(
    "/{reorganization_id:uuid}",
    operation_id="reorganizations-get",
    summary="Get a reorganization",
    response_model=ReorganizationRead,
    responses=problems(404, codes={404: ["reorganization_not_found"]}),
)
async def get_reorganization(
    session: Session, reorganization_id: uuid.UUID, principal: Principal = Authorize(Permission.UNITS_READ)
) -> ReorganizationRead:
    """One reorganization with its predecessors, successors and in-place changes."""
    reorg = await UnitRepository(session, principal.jurisdiction).get_reorganization(reorganization_id)
    return await reorganizations.read_reorganization(session, principal.jurisdiction, reorg)
