"""HTTP route of /api/v1/inspections/coverage (included by the inspections router)."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.core.access import Authorize, Principal
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.unit_of_work import ReportSession, UnitOfWorkRoute
from api.inspections.coverage import service
from api.inspections.coverage.schemas import CoverageQuery, CoverageReport

router = APIRouter(prefix="/coverage", route_class=UnitOfWorkRoute)


@router.get(
    "",
    operation_id="inspections-coverage-get",
    summary="How much of a subtree the inspections reached",
    response_model=CoverageReport,
    responses=problems(404, 422, codes={404: ["unit_not_found"], 422: ["invalid_period"]}),
)
async def get_coverage(
    session: ReportSession,
    query: Annotated[CoverageQuery, Query()],
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> CoverageReport:
    """Per child unit of `within_unit_id` (your unit when omitted; the provinces for a nationwide
    principal), over the period `from` to `to` (this year when omitted): the teams that ran and the
    teams that came, the visits, the distinct units inspected and the share of each kind of unit
    inspected, the findings by topic and severity, the recommendations issued, closed and overdue,
    and the commune-level units never inspected.
    `totals` counts the whole subtree.

    **A visit counts** when its team was not cancelled, the target's record is `in_progress` or
    `done`, and its first day (`visited_from`, else the team's `actual_start`) lies in the period.
    A unit counts when it existed on some day of the period, retired since or not. Teams
    organised in a subtree count there when they made a visit in the period; a team visiting two
    children counts in each, once in `totals`. A recommendation counts in the period its team's
    conclusion is dated in, under the child its owner lies in; `overdue` as of today.

    Everything counted is about units of your jurisdiction: a commune sees the provincial teams
    that visited it, never the other communes they visited.

    **Freshness.** A report: where a read replica is configured, it is read there."""
    return await service.coverage(session, principal, query)
