"""HTTP routes of /api/v1/inspections: parse, call one service function, shape the answer.

The domain's one router: the topics and plans are included from their packages, then the routes of
the teams formed under the plans.
"""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.core.access import Authorize, Principal
from api.core.etag import IfMatch, set_etag
from api.core.exports import exportable
from api.core.files import Files
from api.core.pagination import Cursors
from api.core.permissions import Permission
from api.core.responses import problems
from api.core.schemas import Page
from api.core.unit_of_work import AfterTransaction, Session, UnitOfWorkRoute
from api.inspections import service
from api.inspections.attachments.endpoints import FINDING_UPLOAD_PATH, REPORT_UPLOAD_PATH
from api.inspections.attachments.endpoints import router as attachments_router
from api.inspections.coverage.endpoints import router as coverage_router
from api.inspections.dependencies import NOT_ORGANISER, CurrentTeam, TeamForUpdate, Teams
from api.inspections.findings.endpoints import router as findings_router
from api.inspections.models import InspectionTeam
from api.inspections.plans.endpoints import router as plans_router
from api.inspections.recommendations.endpoints import router as recommendations_router
from api.inspections.schemas import (
    InspectionTargetUpdate,
    TeamCreate,
    TeamEventRead,
    TeamListQuery,
    TeamRead,
    TeamSummary,
    TeamTransitionRequest,
    TeamUpdate,
    TeamWorkflowMove,
    TeamWorkflowRead,
)
from api.inspections.topics.endpoints import router as topics_router
from api.inspections.workflows import INITIAL, TERMINAL, WORKFLOW

router = APIRouter(prefix="/inspections", tags=["inspections"], route_class=UnitOfWorkRoute)
# The paths of routes that take a file (see `Domain.upload_paths`).
UPLOAD_PATHS = (FINDING_UPLOAD_PATH, REPORT_UPLOAD_PATH)
router.include_router(topics_router)
router.include_router(plans_router)
router.include_router(coverage_router)

NOT_FOUND = problems(404, codes={404: ["team_not_found"]})
WRITE_ERRORS = {403: NOT_ORGANISER, 404: ["team_not_found"]}
# What a team's record can be refused for, on create and update.
TEAM_CODES = [
    "unit_not_found",
    "invalid_period",
    "date_outside_unit_life",
    "plan_not_found",
    "plan_of_another_organiser",
    "unknown_topic",
    "multiple_leaders",
    "target_outside_organiser",
]


def _read(session: Session, principal: Principal, team: InspectionTeam, response: Response) -> TeamRead:
    set_etag(response, team.version)
    return service.read(session, principal, team)


@router.get(
    "/teams",
    operation_id="inspections-teams-list",
    summary="List inspection teams",
    response_model=Page[TeamSummary],
    responses=problems(404, codes={404: ["unit_not_found"]}),
)
@exportable
async def list_teams(
    teams: Teams,
    cursors: Cursors,
    query: Annotated[TeamListQuery, Query()],
    _: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> Page[TeamSummary]:
    """Teams organised in your jurisdiction or visiting a unit of it, matching every filter, one page
    at a time. Sort fields: `planned_start` (default, latest first), `created_at`, `title`."""
    return Page[TeamSummary].model_validate(await teams.page(query, cursors))


@router.post(
    "/teams",
    operation_id="inspections-teams-create",
    summary="Form an inspection team",
    status_code=status.HTTP_201_CREATED,
    response_model=TeamRead,
    responses=problems(409, 422, codes={409: ["duplicate_external_ref"], 422: TEAM_CODES}),
)
async def create_team(
    session: Session,
    body: TeamCreate,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> TeamRead:
    """Record a team organised by a unit of your jurisdiction, in state `planned`; its targets lie in
    the organising unit's subtree and exist through the planned period. `Location` names the team."""
    team = await service.create_team(session, principal, body)
    response.headers["Location"] = f"/api/v1/inspections/teams/{team.id}"
    return _read(session, principal, team, response)


@router.get(
    "/teams/workflow",
    operation_id="inspections-teams-workflow-get",
    summary="The state machine of a team",
    response_model=TeamWorkflowRead,
)
async def workflow(_principal: Principal = Authorize(Permission.INSPECTIONS_READ)) -> TeamWorkflowRead:
    """From each state, the actions allowed, the state each leads to and the fields each requires."""
    return TeamWorkflowRead(
        initial=INITIAL,
        terminal=sorted(TERMINAL),
        states={
            state.value: [
                TeamWorkflowMove(action=m.action, to=m.to, requires=list(m.requires)) for m in moves
            ]
            for state, moves in WORKFLOW.items()
        },
    )


@router.get(
    "/teams/{team_id:uuid}",
    operation_id="inspections-teams-get",
    summary="Get an inspection team",
    response_model=TeamRead,
    responses=NOT_FOUND,
)
async def get_team(
    session: Session,
    team: CurrentTeam,
    response: Response,
    principal: Principal = Authorize(Permission.INSPECTIONS_READ),
) -> TeamRead:
    """One team with its members, its targets (only your own, unless your jurisdiction covers the
    organising unit) and the actions you may take."""
    return _read(session, principal, team, response)


@router.patch(
    "/teams/{team_id:uuid}",
    operation_id="inspections-teams-update",
    summary="Update an inspection team",
    response_model=TeamRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            **WRITE_ERRORS,
            409: ["team_closed", "duplicate_external_ref"],
            422: [*TEAM_CODES, "leader_required", "owner_outside_organiser"],
        },
    ),
)
async def update_team(
    session: Session,
    after_transaction: AfterTransaction,
    storage: Files,
    team: TeamForUpdate,
    body: TeamUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> TeamRead:
    """Correct the record of an open team; the state moves only by transitions. Only the organising
    unit's principals change a team; a new organising unit keeps every recommendation's owner in its
    subtree."""
    team = await service.update_team(session, principal, storage, after_transaction, team, body, if_match)
    return _read(session, principal, team, response)


@router.delete(
    "/teams/{team_id:uuid}",
    operation_id="inspections-teams-delete",
    summary="Delete an inspection team",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(403, 404, 409, 412, codes={**WRITE_ERRORS, 409: ["team_not_planned"]}),
)
async def delete_team(
    session: Session,
    team: TeamForUpdate,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> Response:
    """Remove a team recorded by mistake while it is still planned; later, cancel it instead."""
    await service.delete_team(session, principal, team, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/teams/{team_id:uuid}/transitions",
    operation_id="inspections-teams-transitions-create",
    summary="Move an inspection team through its workflow",
    response_model=TeamRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            **WRITE_ERRORS,
            409: ["action_not_allowed", "recommendations_open"],
            422: ["missing_transition_data", "leader_required", "date_in_future", "date_before_last_event"],
        },
    ),
)
async def transition_team(
    session: Session,
    team: TeamForUpdate,
    body: TeamTransitionRequest,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> TeamRead:
    """Take an action (establish, start, report, conclude, close, cancel) dated `effective_on`. An
    action the team's state does not allow is a 409 whose `allowed_actions` lists what is, and a
    team closes only once each of its recommendations is verified closed (409
    `recommendations_open`); the move is recorded in the team's events. Only the organising unit's
    principals move a team."""
    team = await service.transition(session, principal, team, body, if_match)
    return _read(session, principal, team, response)


@router.get(
    "/teams/{team_id:uuid}/events",
    operation_id="inspections-teams-events-list",
    summary="An inspection team's history",
    response_model=list[TeamEventRead],
    responses=NOT_FOUND,
)
async def team_events(
    session: Session, team: CurrentTeam, principal: Principal = Authorize(Permission.INSPECTIONS_READ)
) -> list[TeamEventRead]:
    """Every move of the team, oldest first: who, on which date, from which state to which, with what data."""
    return await service.history(session, principal, team)


@router.patch(
    "/teams/{team_id:uuid}/targets/{target_id:uuid}",
    operation_id="inspections-teams-targets-update",
    summary="Record a visit to a target unit",
    response_model=TeamRead,
    responses=problems(
        403,
        404,
        409,
        412,
        422,
        codes={
            **WRITE_ERRORS,
            404: ["team_not_found", "target_not_found"],
            409: ["team_closed"],
            422: ["date_in_future", "invalid_period", "invalid_self_assessment"],
        },
    ),
)
async def update_target(
    session: Session,
    team: TeamForUpdate,
    target_id: uuid.UUID,
    body: InspectionTargetUpdate,
    response: Response,
    if_match: IfMatch = None,
    principal: Principal = Authorize(Permission.INSPECTIONS_WRITE),
) -> TeamRead:
    """Record the visit's status, dates, self-assessment and rating. A target is part of its team:
    `If-Match` takes the team's `ETag`, and the answer is the team with its new one."""
    team = await service.update_target(session, principal, team, target_id, body, if_match)
    return _read(session, principal, team, response)


# A team's findings and recommendations, after the team's own routes.
router.include_router(findings_router)
router.include_router(recommendations_router)
router.include_router(attachments_router)
