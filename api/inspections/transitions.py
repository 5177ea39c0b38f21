"""Moving a team: check the move against the workflow, apply what the act sets (the establishing
decision, the actual period), record the event. One entry point: `apply()`."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.errors import Conflict, FieldError, InvalidTransition, ValidationFailed, invalid_field
from api.inspections.events import record_event
from api.inspections.models import InspectionTeam, InspectionTeamEvent, TeamMemberRole
from api.inspections.schemas import TeamTransitionRequest
from api.inspections.workflows import Action, Move, Status, moves_from

# Request fields an event keeps: the act's data.
EVENT_FIELDS = ("decision_number", "decision_signer", "conclusion_number", "reason", "note")


class TeamActionNotAllowed(InvalidTransition):
    """A team's workflow refuses the action in its state: the answer says which it allows. A code
    of its own: `invalid_transition` is the petitions', whose members name petition actions."""

    default_code = "action_not_allowed"
    extensions = {
        "allowed_actions": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/InspectionTeamAction"},
            "description": "The actions the team's state allows now.",
            "examples": [["start", "cancel"]],
        },
        "team_status": {
            "allOf": [{"$ref": "#/components/schemas/InspectionTeamStatus"}],
            "description": "The team's state.",
            "examples": ["established"],
        },
    }


class RecommendationsOpen(Conflict):
    """A team closes once every recommendation of its conclusion is verified closed."""

    default_code = "recommendations_open"
    extensions = {
        "open_recommendations": {
            "type": "integer",
            "minimum": 1,
            "description": "How many of the team's recommendations are not verified closed yet.",
            "examples": [2],
        }
    }


def check_members(members: Sequence[dict[str, Any]], status: Status) -> None:
    """A team has at most one leader while planned, and exactly one once established."""
    count = sum(1 for m in members if m["role"] == TeamMemberRole.LEADER)
    if count > 1:
        raise invalid_field("members", "multiple_leaders", "A team has one leader.")
    if count == 0 and status != Status.PLANNED:
        raise invalid_field(
            "members", "leader_required", "An established team has exactly one member whose role is leader."
        )


def _establish(team: InspectionTeam, on: date, request: TeamTransitionRequest) -> None:
    number = request.decision_number or team.decision_number
    if number is None:
        raise ValidationFailed(
            "'establish' needs the decision's number.",
            code="missing_transition_data",
            errors=[
                FieldError(field="decision_number", code="missing", message="Field required for this action")
            ],
        )
    check_members(team.members, Status.ESTABLISHED)
    team.decision_number = number
    team.decision_date = on
    if request.decision_signer is not None:
        team.decision_signer = request.decision_signer


def _start(team: InspectionTeam, on: date, request: TeamTransitionRequest) -> None:
    team.actual_start = on


def _report(team: InspectionTeam, on: date, request: TeamTransitionRequest) -> None:
    team.actual_end = on


def _conclude(team: InspectionTeam, on: date, request: TeamTransitionRequest) -> None:
    team.conclusion_number = request.conclusion_number
    team.conclusion_date = on
    team.conclusion_summary = request.conclusion_summary


def _nothing(team: InspectionTeam, on: date, request: TeamTransitionRequest) -> None:
    """Closing and cancelling record the act (what closing needs is checked by `_check_close`)."""


Effect = Callable[[InspectionTeam, date, TeamTransitionRequest], None]
EFFECTS: dict[Action, Effect] = {
    Action.ESTABLISH: _establish,
    Action.START: _start,
    Action.REPORT: _report,
    Action.CONCLUDE: _conclude,
    Action.CLOSE: _nothing,
    Action.CANCEL: _nothing,
}


def _check_date(on: date, last_on: date | None) -> None:
    if on > clock.today():
        raise invalid_field("effective_on", "date_in_future", "An act cannot be dated in the future.")
    if last_on is not None and on < last_on:
        raise invalid_field(
            "effective_on",
            "date_before_last_event",
            f"The team's last act is dated {last_on.isoformat()}; a later act cannot be dated before it.",
        )


def _check_close(move: Move, open_recommendations: int) -> None:
    """The follow-up of a conclusion ends the team: it closes once each recommendation is verified closed."""
    if move.action == Action.CLOSE and open_recommendations:
        raise RecommendationsOpen(
            f"{open_recommendations} of the team's recommendations are not verified closed yet.",
            extra={"open_recommendations": open_recommendations},
        )


def _move(team: InspectionTeam, action: Action) -> Move:
    allowed = moves_from(team.status)
    move = next((m for m in allowed if m.action == action), None)
    if move is None:
        raise TeamActionNotAllowed(
            f"'{action}' is not allowed for a team in state '{team.status}'.",
            extra={"team_status": team.status.value, "allowed_actions": [m.action.value for m in allowed]},
        )
    return move


def apply(
    session: AsyncSession,
    principal: Principal,
    team: InspectionTeam,
    request: TeamTransitionRequest,
    last_on: date | None,
    open_recommendations: int = 0,
) -> InspectionTeamEvent:
    """Move `team` by `request` or refuse (409 with the allowed actions, or for recommendations not
    verified closed; 422 for bad data); the move is recorded as the team's event."""
    move = _move(team, request.action)
    _check_close(move, open_recommendations)
    missing = [f for f in move.requires if getattr(request, f) is None]
    if missing:
        raise ValidationFailed(
            f"'{request.action}' needs: {', '.join(missing)}.",
            code="missing_transition_data",
            errors=[
                FieldError(field=f, code="missing", message="Field required for this action") for f in missing
            ],
        )
    on = request.effective_on or clock.today()
    _check_date(on, last_on)
    EFFECTS[move.action](team, on, request)
    before, team.status = team.status, move.to
    data = {f: v for f in EVENT_FIELDS if (v := getattr(request, f)) is not None}
    return record_event(session, principal, team, move.action, data, from_status=before, on=on)
