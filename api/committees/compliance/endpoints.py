"""HTTP routes of /api/v1/committees/compliance and /api/v1/committees/summary: a subtree's committees
against the composition rules, and the counts an official reads."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.committees.compliance import service
from api.committees.compliance.schemas import (
    CompliancePage,
    ComplianceQuery,
    SummaryQuery,
    SummaryRead,
)
from api.core.access import Authorize, Principal
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.unit_of_work import Session, UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute)


@router.get(
    "/compliance",
    operation_id="committees-compliance-list",
    summary="Compliance of a subtree's committees",
    response_model=CompliancePage,
    responses=problems(400, 404, codes={400: ["invalid_cursor"], 404: ["unit_not_found"]}),
)
async def subtree_compliance(
    session: Session,
    query: Annotated[ComplianceQuery, Query()],
    codec: Cursors,
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> CompliancePage:
    """What is wrong in the subtree on `as_of` (today by default): communes without a People's Inspection
    Committee in term, committees breaking a composition rule in force at their term's start (too few or
    too many members, villages without a representative, other rules — each item naming the rule and its
    article), terms whose planned end passed without a next term, agency PICs and boards without a term,
    investment projects under way without a board, and boards under size; with the count per problem and
    the subtree's totals, the problems listed a page at a time. With `committee_id`, only those
    committees are looked at: the badges of a list's page in one request."""
    return await service.subtree_compliance(session, principal, query, codec)


@router.get(
    "/summary",
    operation_id="committees-summary-get",
    summary="Committees in term and members sitting, counted",
    response_model=SummaryRead,
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
async def summary(
    session: Session,
    query: Annotated[SummaryQuery, Query()],
    principal: Principal = Authorize(Permission.COMMITTEES_READ),
) -> SummaryRead:
    """On `on` (today by default), in the subtree: the committees with a term in force, by kind, and the
    members sitting in those terms (joined, not yet left), by kind, role and gender."""
    return await service.summary(session, principal, query)
