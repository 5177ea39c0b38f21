"""The rules of recommendations: issued by a concluded team's organiser to a unit of its subtree,
due on a date given or counted from the conclusion on the shared calendar; followed up by the
owner (start, progress reports, report_done) and verified or sent back by the organiser, each act
an event. Services only flush."""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.working_days import limit_end
from api.core import clock
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import (
    Conflict,
    FieldError,
    Forbidden,
    PermissionDenied,
    ValidationFailed,
    invalid_field,
    referenced,
)
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.permissions import Permission
from api.inspections.findings.repository import FindingRepository
from api.inspections.models import (
    InspectionRecommendation,
    InspectionRecommendationEvent,
    InspectionRecommendationReport,
    InspectionTeam,
    InspectionTeamStatus,
)
from api.inspections.recommendations.repository import RecommendationRepository, is_organiser, is_owner
from api.inspections.recommendations.schemas import (
    DueIn,
    ProgressReportCreate,
    ProgressReportRead,
    RecommendationCreate,
    RecommendationEventRead,
    RecommendationRead,
    RecommendationSummary,
    RecommendationTransitionRequest,
    RecommendationUpdate,
)
from api.inspections.recommendations.workflow import (
    ACTOR_OF,
    INITIAL,
    REPORTING,
    TERMINAL,
    Action,
    Actor,
    Move,
    Status,
    moves_from,
)
from api.inspections.transitions import TeamActionNotAllowed
from api.units.models import Unit
from api.units.scope import units_in_jurisdiction
from api.units.service import check_unit_existed

Recommendation = InspectionRecommendation


class RecommendationActionNotAllowed(TeamActionNotAllowed):
    """A recommendation's workflow refuses the action in its state. The same code as a team's
    refusal (`action_not_allowed`): its `allowed_actions` are then the recommendation's, and
    `recommendation_status` names its state."""

    extensions = {
        "allowed_actions": {
            "type": "array",
            "items": {
                "anyOf": [
                    {"$ref": "#/components/schemas/InspectionTeamAction"},
                    {"$ref": "#/components/schemas/InspectionRecommendationAction"},
                ]
            },
            "description": "The actions the team's (or recommendation's) state allows now.",
            "examples": [["start", "cancel"]],
        },
        "recommendation_status": {
            "allOf": [{"$ref": "#/components/schemas/InspectionRecommendationStatus"}],
            "description": "The recommendation's state (a refusal of a recommendation's action).",
            "examples": ["reported_done"],
        },
    }


def _check_concluded(team: InspectionTeam) -> None:
    if team.status != InspectionTeamStatus.CONCLUDED:
        raise Conflict(
            f"The team is {team.status}: recommendations are issued with its conclusion, while it is concluded.",
            code="team_not_concluded",
        )


def _concluded_on(team: InspectionTeam) -> date:
    # Set by `conclude`; a concluded (or closed) team always has it.
    assert team.conclusion_date is not None
    return team.conclusion_date


async def _owner(
    session: AsyncSession, principal: Principal, team: InspectionTeam, unit_id: uuid.UUID
) -> Unit:
    """The unit that must act: in the jurisdiction (422 `unit_not_found`), in the organiser's
    subtree (422 `owner_outside_organiser`) and existing on the conclusion's date."""
    unit = (await units_in_jurisdiction(session, principal.jurisdiction, {"owner_unit_id": unit_id}))[
        "owner_unit_id"
    ]
    organiser = team.organising_unit
    if not unit.path.startswith(organiser.path):
        raise invalid_field(
            "owner_unit_id",
            "owner_outside_organiser",
            f"{unit.name} lies outside {organiser.name}'s subtree: the team can only recommend to it or units "
            "below it.",
        )
    check_unit_existed(unit, _concluded_on(team), "owner_unit_id")
    return unit


async def _finding(
    session: AsyncSession, principal: Principal, team: InspectionTeam, finding_id: uuid.UUID | None
) -> uuid.UUID | None:
    if finding_id is None:
        return None
    await referenced(
        FindingRepository(session, principal).of(team, finding_id),
        "finding_id",
        "finding_not_found",
        f"The team has no finding {finding_id}.",
    )
    return finding_id


async def _due(
    session: AsyncSession, team: InspectionTeam, due_on: date | None, due_in: DueIn | None
) -> date:
    """The due date given, or counted from the conclusion's date on the shared calendar."""
    concluded = _concluded_on(team)
    if due_in is not None:
        return await limit_end(session, concluded, due_in.days, due_in.basis)
    assert due_on is not None  # the schema asks for one of the two
    if due_on < concluded:
        raise invalid_field(
            "due_on",
            "due_before_conclusion",
            f"The conclusion is dated {concluded.isoformat()}; what it recommends falls due after it.",
        )
    return due_on


async def create(
    session: AsyncSession, principal: Principal, team: InspectionTeam, data: RecommendationCreate
) -> Recommendation:
    _check_concluded(team)
    owner = await _owner(session, principal, team, data.owner_unit_id)
    recommendation = Recommendation(
        id=uuid.uuid4(),
        team_id=team.id,
        finding_id=await _finding(session, principal, team, data.finding_id),
        owner_unit_id=owner.id,
        content=data.content,
        issued_on=_concluded_on(team),
        due_on=await _due(session, team, data.due_on, data.due_in),
        status=INITIAL,
        closed=False,
    )
    await claim_external_ref(session, recommendation, data.external_ref, "inspection recommendation")
    recommendation.owner_unit = owner
    recommendation.team = team
    session.add(recommendation)
    # The team's version moves too: a `close` racing this create then fails on the team's row
    # instead of closing a team with an open recommendation.
    team.updated_at = utcnow()
    await session.flush()
    return recommendation


def _check_not_closed(recommendation: Recommendation) -> None:
    if recommendation.status in TERMINAL:
        raise Conflict(
            "The recommendation is verified closed: its record no longer changes.",
            code="recommendation_closed",
        )


async def update(
    session: AsyncSession,
    principal: Principal,
    recommendation: Recommendation,
    data: RecommendationUpdate,
    if_match: str | None,
) -> Recommendation:
    check_if_match(if_match, recommendation.version)
    _check_not_closed(recommendation)
    team = recommendation.team
    changes = data.model_dump(exclude_unset=True)
    if data.owner_unit_id is not None and data.owner_unit_id != recommendation.owner_unit_id:
        owner = await _owner(session, principal, team, data.owner_unit_id)
        recommendation.owner_unit_id, recommendation.owner_unit = owner.id, owner
    if "finding_id" in changes:
        recommendation.finding_id = await _finding(session, principal, team, data.finding_id)
    if data.due_on is not None or data.due_in is not None:
        recommendation.due_on = await _due(session, team, data.due_on, data.due_in)
    if data.content is not None:
        recommendation.content = data.content
    if "external_ref" in changes:
        await claim_external_ref(session, recommendation, data.external_ref, "inspection recommendation")
    await session.flush()
    return recommendation


def _may(principal: Principal, recommendation: Recommendation, actor: Actor) -> bool:
    if actor == Actor.OWNER:
        return principal.can(Permission.INSPECTIONS_REPORT) and is_owner(principal, recommendation)
    return principal.can(Permission.INSPECTIONS_WRITE) and is_organiser(principal, recommendation)


def _check_actor(principal: Principal, recommendation: Recommendation, actor: Actor) -> None:
    """The owner's principals follow it up, the organiser's verify: 403 otherwise."""
    if actor == Actor.OWNER:
        if not is_owner(principal, recommendation):
            raise Forbidden(
                f"Only the principals of {recommendation.owner_unit.name}, the unit it is addressed to, "
                "follow the recommendation up.",
                code="not_owner",
            )
        return
    if not principal.can(Permission.INSPECTIONS_WRITE):
        raise PermissionDenied.lacking(Permission.INSPECTIONS_WRITE.value)
    if not is_organiser(principal, recommendation):
        raise Forbidden(
            "The recommendation's team is organised by a unit outside your jurisdiction; only that unit "
            "verifies it.",
            code="not_organiser",
        )


def _move(recommendation: Recommendation, action: Action) -> Move:
    allowed = moves_from(recommendation.status)
    move = next((m for m in allowed if m.action == action), None)
    if move is None:
        raise RecommendationActionNotAllowed(
            f"'{action}' is not allowed for a recommendation in state '{recommendation.status}'.",
            extra={
                "recommendation_status": recommendation.status.value,
                "allowed_actions": [m.action.value for m in allowed],
            },
        )
    return move


def _check_missing(move: Move, request: RecommendationTransitionRequest) -> None:
    missing = [f for f in move.requires if getattr(request, f) is None]
    if missing:
        raise ValidationFailed(
            f"'{move.action}' needs: {', '.join(missing)}.",
            code="missing_transition_data",
            errors=[
                FieldError(field=f, code="missing", message="Field required for this action") for f in missing
            ],
        )


def _check_day(on: date, not_before: date, field: str, what: str) -> None:
    if on > clock.today():
        raise invalid_field(field, "date_in_future", f"{what} cannot be dated in the future.")
    if on < not_before:
        raise invalid_field(
            field,
            "date_before_last_event",
            f"The last act before it is dated {not_before.isoformat()}; {what.lower()} cannot be dated before it.",
        )


def _record_event(
    session: AsyncSession,
    principal: Principal,
    recommendation: Recommendation,
    move: Move,
    request: RecommendationTransitionRequest,
    *,
    from_status: Status,
    on: date,
) -> None:
    data = {f: v for f in ("reason", "note") if (v := getattr(request, f)) is not None}
    session.add(
        InspectionRecommendationEvent(
            recommendation_id=recommendation.id,
            effective_on=on,
            action=move.action,
            from_status=from_status,
            to_status=recommendation.status,
            actor_type=principal.kind,
            actor_id=principal.id,
            actor_name=principal.name,
            data=data,
        )
    )


async def transition(
    session: AsyncSession,
    principal: Principal,
    recommendation: Recommendation,
    request: RecommendationTransitionRequest,
    if_match: str | None,
) -> Recommendation:
    """Move the recommendation by `request` or refuse: 403 for the wrong actor, 409 with the
    allowed actions for a move its state does not allow, 422 for missing data or a bad date."""
    check_if_match(if_match, recommendation.version)
    _check_actor(principal, recommendation, ACTOR_OF[request.action])
    move = _move(recommendation, request.action)
    _check_missing(move, request)
    on = request.effective_on or clock.today()
    last_on = await RecommendationRepository(session, principal).last_event_on(recommendation.id)
    # The conclusion is the act before the first one.
    not_before = max(last_on or date.min, _concluded_on(recommendation.team))
    _check_day(on, not_before, "effective_on", "An act")
    before, recommendation.status = recommendation.status, move.to
    recommendation.closed = move.to in TERMINAL
    if move.action == Action.VERIFY:
        recommendation.verified_on = on
    _record_event(session, principal, recommendation, move, request, from_status=before, on=on)
    await session.flush()
    return recommendation


async def add_report(
    session: AsyncSession, principal: Principal, recommendation: Recommendation, data: ProgressReportCreate
) -> InspectionRecommendationReport:
    """The owner reports progress while it works on the recommendation (open or in progress)."""
    _check_actor(principal, recommendation, Actor.OWNER)
    if recommendation.status not in REPORTING:
        raise Conflict(
            f"The recommendation is {recommendation.status}: progress is reported while it is open or in "
            "progress.",
            code="recommendation_not_in_progress",
        )
    on = data.reported_on or clock.today()
    _check_day(on, _concluded_on(recommendation.team), "reported_on", "A progress report")
    report = InspectionRecommendationReport(
        id=uuid.uuid4(),
        recommendation_id=recommendation.id,
        unit_id=recommendation.owner_unit_id,
        reported_on=on,
        text=data.text,
        actor_type=principal.kind,
        actor_id=principal.id,
        actor_name=principal.name,
    )
    session.add(report)
    await session.flush()
    return report


def read(principal: Principal, recommendation: Recommendation) -> RecommendationRead:
    """A recommendation with what its reader may do now."""
    allowed = [m.action for m in moves_from(recommendation.status) if _may(principal, recommendation, m.by)]
    return RecommendationRead.from_model(recommendation, allowed_actions=allowed)


async def of_team(
    session: AsyncSession, principal: Principal, team: InspectionTeam
) -> list[RecommendationSummary]:
    found = await RecommendationRepository(session, principal).of_team(team.id)
    return [RecommendationSummary.model_validate(r) for r in found]


async def history(
    session: AsyncSession, principal: Principal, recommendation: Recommendation
) -> list[RecommendationEventRead]:
    events = await RecommendationRepository(session, principal).events(recommendation.id)
    return [RecommendationEventRead.model_validate(e) for e in events]


async def reports(
    session: AsyncSession, principal: Principal, recommendation: Recommendation
) -> list[ProgressReportRead]:
    found = await RecommendationRepository(session, principal).reports(recommendation.id)
    return [ProgressReportRead.model_validate(r) for r in found]


async def report(
    session: AsyncSession, principal: Principal, recommendation: Recommendation, report_id: uuid.UUID
) -> ProgressReportRead:
    found = await RecommendationRepository(session, principal).report(recommendation.id, report_id)
    return ProgressReportRead.model_validate(found)
