"""Moving a case: check the move against its workflow, apply what the action means in law
(time limits, handler, decision), record the event. One entry point: `apply()`."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import SYSTEM, Principal
from api.core.errors import FieldError, InvalidTransition, ValidationFailed, invalid_field
from api.petitions import deadlines
from api.petitions.events import record_event
from api.petitions.models import Outcome, Petition, PetitionEvent, PetitionKind, Stage
from api.petitions.rules import MAX_EXTENSIONS
from api.petitions.schemas import TransitionRequest
from api.petitions.workflows import Action, Move, moves_from
from api.units.models import Unit, UnitStatus
from api.units.repository import UnitRepository
from api.units.service import check_unit_existed

# Law 136/2025/QH15 allows a complaint to be withdrawn in part from this day.
PARTIAL_COMPLAINT_WITHDRAWAL_FROM = date(2026, 7, 1)
OUTCOMES = {
    PetitionKind.COMPLAINT: {Outcome.UPHELD, Outcome.PARTLY_UPHELD, Outcome.REJECTED},
    PetitionKind.DENUNCIATION: {Outcome.SUBSTANTIATED, Outcome.PARTLY_SUBSTANTIATED, Outcome.UNSUBSTANTIATED},
}
# Request fields an event keeps: the act's data, never anyone's identity.
EVENT_FIELDS = (
    "reason",
    "decision_number",
    "outcome",
    "target_unit_id",
    "extension_days",
    "withdrawn_content",
    "answer",
    "note",
)


class ActionNotAllowed(InvalidTransition):
    """A case's workflow refuses the action in its state: the answer says which it allows."""

    extensions = {
        "allowed_actions": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/PetitionAction"},
            "description": "The actions the case's state allows now.",
            "examples": [["start_verification", "withdraw"]],
        },
        "petition_status": {
            "allOf": [{"$ref": "#/components/schemas/PetitionStatus"}],
            "description": "The case's state.",
            "examples": ["accepted"],
        },
    }


def allowed_moves(petition: Petition) -> list[Move]:
    """The moves open now: the workflow's, less those the case's own state rules out."""
    out = []
    for move in moves_from(petition.kind, petition.status):
        if move.action == Action.EXTEND and petition.extension_count >= MAX_EXTENSIONS:
            continue
        if move.action == Action.APPEAL and petition.instance > 1:
            continue
        out.append(move)
    return out


async def _target_unit(session: AsyncSession, unit_id: uuid.UUID, on: date) -> Unit:
    """Forwarding and appeals may leave the jurisdiction: any live unit of the country will do,
    provided it existed on the day of the act."""
    unit = await UnitRepository(session, SYSTEM).find(unit_id)
    if unit is None or unit.status != UnitStatus.ACTIVE:
        raise invalid_field("target_unit_id", "target_unit_not_found", f"No active unit {unit_id}.")
    check_unit_existed(unit, on, "target_unit_id")
    return unit


def _settle(petition: Petition, on: date, request: TransitionRequest) -> None:
    if request.outcome is not None and request.outcome not in OUTCOMES.get(petition.kind, {Outcome.ANSWERED}):
        raise invalid_field(
            "outcome", "invalid_outcome", f"'{request.outcome}' is not an outcome of a {petition.kind}."
        )
    stage = Stage.SETTLEMENT_SECOND if petition.instance > 1 else Stage.SETTLEMENT
    settlement = deadlines.running(petition, stage)
    petition.settled_on = on
    petition.settled_on_time = all(on <= c.due_on for c in settlement) if settlement else None
    deadlines.end_clocks(petition, on, stage)
    petition.outcome = request.outcome or Outcome.ANSWERED
    petition.decision_number = request.decision_number
    petition.decision_date = on


async def _accept(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    if petition.kind == PetitionKind.DENUNCIATION and petition.anonymous:
        raise ValidationFailed(
            "An anonymous denunciation is not handled as one (Law on Denunciations 2018, Art. 25); "
            "record it as information to verify instead.",
            code="anonymous_denunciation",
        )
    petition.within_authority = True
    deadlines.end_clocks(petition, on, Stage.ACCEPTANCE)
    stage = Stage.SETTLEMENT_SECOND if petition.instance > 1 else Stage.SETTLEMENT
    await deadlines.open_clock(session, petition, stage, on)
    if petition.kind == PetitionKind.DENUNCIATION:
        await deadlines.open_clock(session, petition, Stage.ACCEPTANCE_NOTICE, on)
    petition.decision_number = request.decision_number


async def _not_accept(
    session: AsyncSession, petition: Petition, on: date, request: TransitionRequest
) -> None:
    deadlines.end_clocks(petition, on)
    petition.closed_on = on


async def _forward(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    assert request.target_unit_id is not None
    target = await _target_unit(session, request.target_unit_id, on)
    if target.id == petition.handling_unit_id:
        raise invalid_field("target_unit_id", "same_unit", "The case is already handled there.")
    petition.hand_to(target)
    petition.within_authority = False
    deadlines.end_clocks(petition, on)
    # The competent body's own intake limit runs from the day it receives the case.
    await deadlines.open_clock(session, petition, Stage.ACCEPTANCE, on)


async def _decide(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    _settle(petition, on, request)


async def _make_effective(
    session: AsyncSession, petition: Petition, on: date, request: TransitionRequest
) -> None:
    assert petition.decision_date is not None
    effective = await deadlines.limit_from(session, petition, Stage.DECISION_EFFECT, petition.decision_date)
    if effective is not None and on < effective:
        raise invalid_field(
            "effective_on",
            "decision_not_yet_effective",
            f"The decision takes effect only once the appeal period has passed, on {effective.isoformat()} "
            "(Law on Complaints 2011, Art. 44).",
        )
    petition.closed_on = on


async def _appeal(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    assert petition.decision_date is not None
    last_day = await deadlines.limit_from(session, petition, Stage.APPEAL_FILING, petition.decision_date)
    if last_day is not None and on > last_day:
        raise invalid_field(
            "effective_on",
            "appeal_out_of_time",
            f"A second complaint had to be filed by {last_day.isoformat()} (Law on Complaints 2011, Art. 33).",
        )
    if request.target_unit_id is not None:
        target = await _target_unit(session, request.target_unit_id, on)
    else:
        parent_id = petition.handling_unit.parent_id
        if parent_id is None:
            raise invalid_field(
                "target_unit_id", "missing", "Name the body that settles the second complaint."
            )
        target = await _target_unit(session, parent_id, on)
    petition.instance = 2
    petition.hand_to(target)
    petition.outcome = petition.decision_number = petition.decision_date = None
    petition.settled_on = petition.settled_on_time = None
    await deadlines.open_clock(session, petition, Stage.ACCEPTANCE, on)


async def _close(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    petition.closed_on = on


async def _conclude(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    _settle(petition, on, request)


async def _resolve(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    _settle(petition, on, request)
    petition.closed_on = on


async def _extend(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    rule = await deadlines.rule_for(session, petition, Stage.EXTENSION, on)
    if rule is None:
        raise invalid_field("action", "no_extension_rule", "No extension rule is in force for this case.")
    days = request.extension_days or rule.days
    if days > rule.days:
        raise invalid_field(
            "extension_days",
            "extension_too_long",
            f"An extension lasts at most {rule.days} days ({rule.legal_basis}).",
        )
    for limit in deadlines.running(petition, Stage.SETTLEMENT):
        await deadlines.extend(session, limit, days)
    petition.extension_count += 1
    # The event records the length applied, whether asked for or the rule's maximum.
    request.extension_days = days


async def _notify(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    deadlines.end_clocks(petition, on, Stage.ACCEPTANCE_NOTICE)


async def _withdraw(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    deadlines.end_clocks(petition, on)
    petition.closed_on = on


async def _withdraw_partly(
    session: AsyncSession, petition: Petition, on: date, request: TransitionRequest
) -> None:
    if petition.kind == PetitionKind.COMPLAINT and on < PARTIAL_COMPLAINT_WITHDRAWAL_FROM:
        raise invalid_field(
            "effective_on",
            "partial_withdrawal_not_in_force",
            "A complaint can be withdrawn in part only from 1 July 2026 (Law 136/2025/QH15).",
        )


async def _suspend(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    petition.suspended_from = petition.status
    petition.suspended_on = on


async def _resume(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    assert petition.suspended_on is not None
    await deadlines.pause(session, petition, (on - petition.suspended_on).days)
    petition.suspended_on = None


async def _nothing(session: AsyncSession, petition: Petition, on: date, request: TransitionRequest) -> None:
    return None


Effect = Callable[[AsyncSession, Petition, date, TransitionRequest], Awaitable[None]]
EFFECTS: dict[Action, Effect] = {
    Action.ACCEPT: _accept,
    Action.NOT_ACCEPT: _not_accept,
    Action.FORWARD: _forward,
    Action.START_VERIFICATION: _nothing,
    Action.HOLD_DIALOGUE: _nothing,
    Action.DECIDE: _decide,
    Action.MAKE_EFFECTIVE: _make_effective,
    Action.APPEAL: _appeal,
    Action.SUE: _close,
    Action.CONCLUDE: _conclude,
    Action.CLOSE: _close,
    Action.RESOLVE: _resolve,
    Action.EXTEND: _extend,
    Action.NOTIFY_PARTIES: _notify,
    Action.WITHDRAW: _withdraw,
    Action.WITHDRAW_PARTLY: _withdraw_partly,
    Action.SUSPEND: _suspend,
    Action.RESUME: _resume,
}


def _check_date(petition: Petition, on: date, last_on: date) -> None:
    if on > clock.today():
        raise invalid_field("effective_on", "date_in_future", "An act cannot be dated in the future.")
    if on < last_on:
        raise invalid_field(
            "effective_on",
            "date_before_last_event",
            f"The case's last act is dated {last_on.isoformat()}; a later act cannot be dated before it.",
        )


async def apply(
    session: AsyncSession, principal: Principal, petition: Petition, request: TransitionRequest, last_on: date
) -> PetitionEvent:
    """Move `petition` by `request` or refuse (409 with the allowed actions; 422 for bad data);
    the move is recorded as the case's event."""
    allowed = allowed_moves(petition)
    move = next((m for m in allowed if m.action == request.action), None)
    if move is None:
        raise ActionNotAllowed(
            f"'{request.action}' is not allowed for a {petition.kind} in state '{petition.status}'.",
            extra={
                "petition_status": petition.status.value,
                "allowed_actions": [m.action.value for m in allowed],
            },
        )
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
    _check_date(petition, on, last_on)
    before = petition.status
    await EFFECTS[move.action](session, petition, on, request)
    if move.action == Action.RESUME:
        assert petition.suspended_from is not None
        petition.status, petition.suspended_from = petition.suspended_from, None
    elif move.to is not None:
        petition.status = move.to
    deadlines.refresh_due(petition)
    data = {f: v for f in EVENT_FIELDS if (v := request.model_dump(mode="json").get(f)) is not None}
    return record_event(session, principal, petition, move.action, data, from_status=before, on=on)
