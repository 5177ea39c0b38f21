"""HTTP routes of /api/v1/receptions: parse, call one service function, shape the answer."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.repository import current, repository
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import ReportSession, Session, UnitOfWorkRoute
from api.receptions import service
from api.receptions.models import ReceptionSession
from api.receptions.quota_rules.endpoints import router as quota_rules_router
from api.receptions.repository import ReceptionRepository
from api.receptions.schemas import (
    ComplianceQuery,
    ComplianceReport,
    ReceptionCreate,
    ReceptionListQuery,
    ReceptionRead,
    ReceptionUpdate,
)

Receptions = Annotated[ReceptionRepository, repository(ReceptionRepository)]
CurrentReception = Annotated[ReceptionSession, current(ReceptionRepository, "reception_id")]

router = APIRouter(prefix="/receptions", tags=["receptions"], route_class=UnitOfWorkRoute)
router.include_router(quota_rules_router)

NOT_FOUND = problems(404, codes={404: ["reception_not_found"]})
DATE_CODES = ["unit_not_found", "date_in_future", "date_outside_unit_life"]


def _read(reception: ReceptionSession, response: Response) -> ReceptionRead:
    set_etag(response, reception.version)
    return ReceptionRead.model_validate(reception)


@router.get(
    "",
    operation_id="receptions-list",
    summary="List reception sessions",
    response_model=Page[ReceptionRead],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_receptions(
    receptions: Receptions,
    cursors: Cursors,
    query: Annotated[ReceptionListQuery, Query()],
    _: Principal = Authorize(Permission.RECEPTIONS_READ),
) -> Page[ReceptionRead]:
    """Citizen reception sessions and dialogues matching every filter given, one page at a time,
    newest first by default."""
    return Page[ReceptionRead].model_validate(await receptions.page(query, cursors))


@router.post(
    "",
    operation_id="receptions-create",
    summary="Record a reception session",
    status_code=status.HTTP_201_CREATED,
    response_model=ReceptionRead,
    responses=problems(
        409,
        422,
        codes={409: ["duplicate_external_ref"], 422: [*DATE_CODES, "idempotency_key_reused"]},
    ),
)
async def create_reception(
    session: Session,
    body: ReceptionCreate,
    response: Response,
    principal: Principal = Authorize(Permission.RECEPTIONS_WRITE),
) -> ReceptionRead:
    """Record a session held at a unit of the jurisdiction, on a day it existed, today or earlier;
    `Location` names the new session."""
    reception = await service.create_reception(session, principal, body)
    response.headers["Location"] = f"/api/v1/receptions/{reception.id}"
    return _read(reception, response)


@router.get(
    "/compliance",
    operation_id="receptions-compliance-get",
    summary="Compliance with the reception quotas",
    response_model=ComplianceReport,
    responses=problems(404, 422, codes={404: ["unit_not_found"], 422: ["invalid_period"]}),
)
async def get_compliance(
    session: ReportSession,
    cursors: Cursors,
    query: Annotated[ComplianceQuery, Query()],
    principal: Principal = Authorize(Permission.RECEPTIONS_READ),
) -> ComplianceReport:
    """Reception days held against the days required, per unit and host role, over a period.

    Units: every province-, district- and commune-level unit (commune, ward, town, special zone) of the
    subtree that existed during the period, retired or not; roles: those with a quota rule
    (`GET /receptions/quota-rules`) for the unit's level.

    **Required days.** A quota is owed per slot, an ISO week (Monday to Sunday) or a calendar month.
    Each slot belongs to one anchor day, the Thursday of a week (as ISO 8601 gives each week to the year
    of its Thursday) or the 15th of a month, and is owed when its anchor lies in the period, in the
    rule's validity and in the unit's life, and when the slot has ended by `as_of` (today). So a slot
    is owed once, under one rule, by one unit, and months add up to quarters and years. Example: a
    commune chairman owes 4 days in June 2026 (weeks with Thursdays 4, 11, 18, 25 June; the week of
    29 June falls to July under Law 136/2025), 2 in July 2026, and 38 in 2026 once the year is over
    (26 weeks, then 6 months of 2 days).

    **Held days.** Distinct days in the period on which that host role held a `regular` or `ad_hoc`
    session at that unit, in person or online; several sessions on one day count once. Sessions of
    deputies or officers never count towards a head's quota. Dialogues are reported separately in
    `dialogues` and do not count as reception days.

    **Ratio** = held ÷ required (not capped; null when nothing is owed). `totals` sum every row of the
    report per level and host role; rows are ordered by level, unit name and role, and paged by `limit`
    and `cursor`.

    **Freshness.** A report: where a read replica is configured, it is read there, so sessions recorded
    in the last moments may not count yet."""
    return await service.compliance(session, principal, query, cursors)


@router.get(
    "/{reception_id:uuid}",
    operation_id="receptions-get",
    summary="Get a reception session",
    response_model=ReceptionRead,
    responses=NOT_FOUND,
)
async def get_reception(
    reception: CurrentReception, response: Response, _: Principal = Authorize(Permission.RECEPTIONS_READ)
) -> ReceptionRead:
    """One session, with its `ETag` for a later conditional update."""
    return _read(reception, response)


@router.patch(
    "/{reception_id:uuid}",
    operation_id="receptions-update",
    summary="Update a reception session",
    response_model=ReceptionRead,
    responses=problems(
        404,
        409,
        412,
        422,
        codes={404: ["reception_not_found"], 409: ["duplicate_external_ref"], 422: DATE_CODES},
    ),
)
async def update_reception(
    session: Session,
    reception: CurrentReception,
    body: ReceptionUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.RECEPTIONS_WRITE),
) -> ReceptionRead:
    """Change the given fields; a new `unit_id` must also lie in the jurisdiction."""
    return _read(await service.update_reception(session, principal, reception, body, if_match), response)


@router.delete(
    "/{reception_id:uuid}",
    operation_id="receptions-delete",
    summary="Delete a reception session",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(404, 412, codes={404: ["reception_not_found"]}),
)
async def delete_reception(
    session: Session,
    reception: CurrentReception,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.RECEPTIONS_WRITE),
) -> Response:
    """Remove a session recorded by mistake."""
    await service.delete_reception(session, principal, reception, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
