"""HTTP routes of a concluded team's recommendations (included by the inspections router): issued
and listed under their team (`/teams/{team_id}/recommendations`), followed up across teams
(`/recommendations`)."""

import uuid
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
from api.core.unit_of_work import Session, UnitOfWorkRoute
from api.inspections.dependencies import NOT_ORGANISER, CurrentRecommendation, CurrentTeam, TeamForUpdate
from api.inspections.models import InspectionRecommendation
from api.inspections.recommendations import service
from api.inspections.recommendations.repository import RecommendationRepository
from api.inspections.recommendations.schemas import (
    ProgressReportCreate,
    ProgressReportRead,
    RecommendationCreate,
    RecommendationEventRead,
    RecommendationListQuery,
    RecommendationRead,
    RecommendationSummary,
    RecommendationTransitionRequest,
    RecommendationUpdate,
    RecommendationWorkflowMove,
    RecommendationWorkflowRead,
)
from api.inspections.recommendations.workflow import INITIAL, TERMINAL, WORKFLOW

router = APIRouter(route_class=UnitOfWorkRoute)

Recommendations = Annotated[RecommendationRepository, repository(RecommendationRepository)]
RecommendationForUpdate = Annotated[
    InspectionRecommendation, current(RecommendationRepository, "recommendation_id", for_update=True)
]

NOT_FOUND = ["recommendation_not_found"]
# What a recommendation's record can be refused for, on create and update.
RECORD_CODES = [
    "unit_not_found",
    "owner_outside_organiser",
    "date_outside_unit_life",
    "finding_not_found",
    "due_before_conclusion",
]
BASE = "/api/v1/inspections/recommendations"


def _read(
    principal: Principal, recommendation: InspectionRecommendation, response: Response
) -> RecommendationRead:
    set_etag(response, recommendation.version)
    return service.read(principal, recommendation)


@router.get(
    "/teams/{team_id:uuid}/recommendations",
    operation_id="inspections-teams-recommendations-list",
    summary="A team's recommendations",
    response_model=list[RecommendationSummary],
    responses=problems(404, codes={404: ["team_not_found"]}),
)
async def list_team_recommendations(
    session: Session, team: CurrentTeam, principal: Principal = Authorize(Permission.INSPECTIONS_READ)
) -> list[RecommendationSummary]:
    """The team's recommendations, those still followed up first, by due date: all of them for the
    organising unit's principals, else only those addressed to units of your jurisdiction."""
    return await service.of_team(session, principal, team)


@router.post(
    "/teams/{team_id:uuid}/recommendations",
    operation_id="inspections-teams-recommendations-create",
    summary="Issue a recommendation",
    status_code=status.HTTP_201_CREATED,
    response_model=RecommendationRead,
    responses=problems(
        403,
        404,
        409,
        422,
        codes={
            403: NOT_ORGANISER,
            404: ["team_not_found"],
            409: ["team_not_concluded", "duplicate_external_ref"],
            422: RECORD_CODES,
        },
    ),
)
async def create_recommendation(
    session: Session,
    team: TeamForUpdate,
    body: RecommendationCreate,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> RecommendationRead:
    """Record what the concluded team's conclusion asks a unit (the organising unit or one below
    it) to do, due on `due_on` or `due_in` days after the conclusion (calendar or working days).
    Only the organising unit's principals issue one. `Location` names the recommendation."""
    recommendation = await service.create(session, principal, team, body)
    response.headers["Location"] = f"{BASE}/{recommendation.id}"
    return _read(principal, recommendation, response)


@router.get(
    "/recommendations",
    operation_id="inspections-recommendations-list",
    summary="List recommendations",
    response_model=Page[RecommendationSummary],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_recommendations(
    recommendations: Recommendations,
    cursors: Cursors,
    query: Annotated[RecommendationListQuery, Query()],
    _: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> Page[RecommendationSummary]:
    """Recommendations addressed to units of your jurisdiction, across teams, matching every filter,
    one page at a time. By default (`closed,due_on`) what is still followed up comes first by due
    date, so the overdue lead; sort fields: `closed`, `due_on`, `created_at`."""
    return Page[RecommendationSummary].model_validate(await recommendations.page(query, cursors))


@router.get(
    "/recommendations/workflow",
    operation_id="inspections-recommendations-workflow-get",
    summary="The state machine of a recommendation",
    response_model=RecommendationWorkflowRead,
)
async def workflow(
    _principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> RecommendationWorkflowRead:
    """From each state, the actions allowed, who takes each (the owner or the organiser), the state
    each leads to and the fields each requires."""
    return RecommendationWorkflowRead(
        initial=INITIAL,
        terminal=sorted(TERMINAL),
        states={
            state.value: [
                RecommendationWorkflowMove(action=m.action, to=m.to, by=m.by, requires=list(m.requires))
                for m in moves
            ]
            for state, moves in WORKFLOW.items()
        },
    )


@router.get(
    "/recommendations/{recommendation_id:uuid}",
    operation_id="inspections-recommendations-get",
    summary="Get a recommendation",
    response_model=RecommendationRead,
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def get_recommendation(
    recommendation: CurrentRecommendation,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> RecommendationRead:
    """One recommendation, whether it is overdue and how many days are left, the actions you may
    take, and its `ETag` for a later conditional update."""
    return _read(principal, recommendation, response)


@router.patch(
    "/recommendations/{recommendation_id:uuid}",
    operation_id="inspections-recommendations-update",
    summary="Correct a recommendation",
    response_model=RecommendationRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            403: NOT_ORGANISER,
            404: NOT_FOUND,
            409: ["recommendation_closed", "duplicate_external_ref"],
            422: RECORD_CODES,
        },
    ),
)
async def update_recommendation(
    session: Session,
    recommendation: RecommendationForUpdate,
    body: RecommendationUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> RecommendationRead:
    """Correct the record (owner, content, finding, due date) until it is verified closed; the
    state moves only by transitions. Only the organising unit's principals change it."""
    recommendation = await service.update(session, principal, recommendation, body, if_match)
    return _read(principal, recommendation, response)


@router.post(
    "/recommendations/{recommendation_id:uuid}/transitions",
    operation_id="inspections-recommendations-transitions-create",
    summary="Move a recommendation through its follow-up",
    response_model=RecommendationRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            403: ["permission_denied", "not_owner", "not_organiser"],
            404: NOT_FOUND,
            409: ["action_not_allowed"],
            422: ["missing_transition_data", "date_in_future", "date_before_last_event"],
        },
    ),
)
async def transition_recommendation(
    session: Session,
    recommendation: CurrentRecommendation,
    body: RecommendationTransitionRequest,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_REPORT),
) -> RecommendationRead:
    """Take an action dated `effective_on`: the owner's principals `start` and `report_done`, the
    organiser's `verify` or `reject_report` (with `inspections:write`). A wrong actor is a 403; an
    action the state does not allow is a 409 whose `allowed_actions` lists what is. Every move is
    recorded in the recommendation's events."""
    recommendation = await service.transition(session, principal, recommendation, body, if_match)
    return _read(principal, recommendation, response)


@router.get(
    "/recommendations/{recommendation_id:uuid}/events",
    operation_id="inspections-recommendations-events-list",
    summary="A recommendation's history",
    response_model=list[RecommendationEventRead],
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def recommendation_events(
    session: Session,
    recommendation: CurrentRecommendation,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> list[RecommendationEventRead]:
    """Every move of the recommendation, oldest first: who, on which date, from which state to which."""
    return await service.history(session, principal, recommendation)


@router.get(
    "/recommendations/{recommendation_id:uuid}/reports",
    operation_id="inspections-recommendations-reports-list",
    summary="A recommendation's progress reports",
    response_model=list[ProgressReportRead],
    responses=problems(404, codes={404: NOT_FOUND}),
)
async def list_reports(
    session: Session,
    recommendation: CurrentRecommendation,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> list[ProgressReportRead]:
    """The owner's progress reports, by the day each speaks of."""
    return await service.reports(session, principal, recommendation)


@router.post(
    "/recommendations/{recommendation_id:uuid}/reports",
    operation_id="inspections-recommendations-reports-create",
    summary="Report progress on a recommendation",
    status_code=status.HTTP_201_CREATED,
    response_model=ProgressReportRead,
    responses=problems(
        403,
        404,
        409,
        422,
        codes={
            403: ["permission_denied", "not_owner"],
            404: NOT_FOUND,
            409: ["recommendation_not_in_progress"],
            422: ["date_in_future", "date_before_last_event"],
        },
    ),
)
async def create_report(
    session: Session,
    recommendation: CurrentRecommendation,
    body: ProgressReportCreate,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_REPORT),
) -> ProgressReportRead:
    """File what the owner unit has done so far, while the recommendation is open or in progress;
    only the owner's principals report. `Location` names the report."""
    report = await service.add_report(session, principal, recommendation, body)
    response.headers["Location"] = f"{BASE}/{recommendation.id}/reports/{report.id}"
    return ProgressReportRead.model_validate(report)


@router.get(
    "/recommendations/{recommendation_id:uuid}/reports/{report_id:uuid}",
    operation_id="inspections-recommendations-reports-get",
    summary="Get a progress report",
    response_model=ProgressReportRead,
    responses=problems(404, codes={404: [*NOT_FOUND, "report_not_found"]}),
)
async def get_report(
    session: Session,
    recommendation: CurrentRecommendation,
    report_id: uuid.UUID,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> ProgressReportRead:
    """One progress report of a recommendation you see."""
    return await service.report(session, principal, recommendation, report_id)
