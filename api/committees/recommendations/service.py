"""The rules of a committee's recommendations to the authority: addressed to a unit related to the
committee's, answered by a due date (given or counted by the time rule in force on the day sent),
followed up until closed through a workflow of data, and turned into a petition (kiến nghị) of the
petitions domain in the same transaction, linked both ways.

Services only flush: the request's unit of work commits, so a refusal writes nothing.
"""

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.working_days import limit_end
from api.committees.activities.models import TimePurpose
from api.committees.activities.repository import ActivityRepository, TimeRuleRepository
from api.committees.models import Committee, CommitteeStatus
from api.committees.recommendations.models import CommitteeRecommendation
from api.committees.recommendations.schemas import (
    CommitteeRecommendationCreate,
    CommitteeRecommendationRead,
    CommitteeRecommendationTransition,
    CommitteeRecommendationUpdate,
    PetitionFromRecommendation,
)
from api.committees.recommendations.workflow import INITIAL, TERMINAL, Action, Move, moves_from
from api.core import clock
from api.core.access import Principal
from api.core.errors import (
    Conflict,
    FieldError,
    PermissionDenied,
    ValidationFailed,
    invalid_field,
    referenced,
)
from api.core.etag import check_if_match
from api.core.external_ref import ExternalRef
from api.core.permissions import Permission
from api.petitions import service as petitions
from api.petitions.models import Petition, PetitionKind
from api.petitions.schemas import PetitionCreate
from api.units.models import Unit
from api.units.scope import units_in_jurisdiction
from api.units.service import check_unit_existed

Recommendation = CommitteeRecommendation
# The petition's `external_ref.source` that names the recommendation it came from.
PETITION_SOURCE = "qcdc-committee-recommendation"


class RecommendationActionNotAllowed(Conflict):
    default_code = "recommendation_action_not_allowed"
    extensions = {
        "allowed_actions": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/CommitteeRecommendationAction"},
            "description": "The actions the recommendation's state allows now.",
            "examples": [["close"]],
        },
    }


class AlreadyPetitioned(Conflict):
    default_code = "recommendation_already_petitioned"
    extensions = {
        "petition_id": {
            "type": "string",
            "format": "uuid",
            "description": "The petition the recommendation was already turned into.",
            "examples": ["2b4d6f8a-0c2e-4a6c-8e0a-2c4e6a8c0e2b"],
        }
    }


async def _addressee(
    session: AsyncSession, principal: Principal, committee: Committee, unit_id: uuid.UUID, sent_on: date
) -> Unit:
    """The authority addressed: in the jurisdiction (422 `unit_not_found`), the committee's unit, one of
    its ancestors or a unit below it (422 `addressee_unrelated`), existing on the day sent."""
    unit = (await units_in_jurisdiction(session, principal.jurisdiction, {"addressee_unit_id": unit_id}))[
        "addressee_unit_id"
    ]
    own = committee.unit.path
    if not (unit.path.startswith(own) or own.startswith(unit.path)):
        raise invalid_field(
            "addressee_unit_id",
            "addressee_unrelated",
            f"{unit.name} is neither {committee.unit.name}, a unit above it nor one below it.",
        )
    check_unit_existed(unit, sent_on, "addressee_unit_id")
    return unit


async def _activity(
    session: AsyncSession, principal: Principal, committee: Committee, activity_id: uuid.UUID | None
) -> uuid.UUID | None:
    if activity_id is None:
        return None
    await referenced(
        ActivityRepository(session, principal).of(committee, activity_id),
        "activity_id",
        "activity_not_found",
        f"The committee has no activity {activity_id}.",
    )
    return activity_id


async def _due(
    session: AsyncSession, principal: Principal, sent_on: date, given: date | None
) -> tuple[date, str | None]:
    """The due date given, or counted from the day sent by the rule in force that day."""
    if given is not None:
        if given < sent_on:
            raise invalid_field(
                "response_due_on",
                "due_before_sent",
                f"It was sent on {sent_on.isoformat()}; the answer is due after.",
            )
        return given, None
    rule = await TimeRuleRepository(session, principal).in_force(TimePurpose.RECOMMENDATION_RESPONSE, sent_on)
    if rule is None:
        raise invalid_field(
            "response_due_on",
            "response_rule_missing",
            f"No time rule for an answer is in force on {sent_on.isoformat()}: give the due date.",
        )
    return await limit_end(session, sent_on, rule.days, rule.day_basis), rule.code


def _check_not_future(day: date, field: str) -> None:
    if day > clock.today():
        raise invalid_field(field, "date_in_future", "Record it on or after that day.")


async def create(
    session: AsyncSession, principal: Principal, committee: Committee, data: CommitteeRecommendationCreate
) -> Recommendation:
    if committee.status != CommitteeStatus.ACTIVE:
        raise Conflict(
            "The committee is dissolved: it sends no new recommendation.", code="committee_dissolved"
        )
    _check_not_future(data.sent_on, "sent_on")
    addressee = await _addressee(session, principal, committee, data.addressee_unit_id, data.sent_on)
    due_on, rule_code = await _due(session, principal, data.sent_on, data.response_due_on)
    recommendation = Recommendation(
        id=uuid.uuid4(),
        committee_id=committee.id,
        unit_id=committee.unit_id,
        activity_id=await _activity(session, principal, committee, data.activity_id),
        content=data.content,
        addressee_unit_id=addressee.id,
        sent_on=data.sent_on,
        response_due_on=due_on,
        response_rule_code=rule_code,
        status=INITIAL,
    )
    recommendation.addressee_unit = addressee
    session.add(recommendation)
    await session.flush()
    return recommendation


def _check_not_closed(recommendation: Recommendation) -> None:
    if recommendation.status in TERMINAL:
        raise Conflict(
            "The recommendation is closed: its record no longer changes.", code="recommendation_closed"
        )


async def update(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    recommendation: Recommendation,
    data: CommitteeRecommendationUpdate,
    if_match: str | None,
) -> Recommendation:
    check_if_match(if_match, recommendation.version)
    _check_not_closed(recommendation)
    changes = data.model_dump(exclude_unset=True)
    if data.addressee_unit_id is not None and data.addressee_unit_id != recommendation.addressee_unit_id:
        unit = await _addressee(session, principal, committee, data.addressee_unit_id, recommendation.sent_on)
        recommendation.addressee_unit_id, recommendation.addressee_unit = unit.id, unit
    if "activity_id" in changes:
        recommendation.activity_id = await _activity(session, principal, committee, data.activity_id)
    if data.response_due_on is not None:
        recommendation.response_due_on, recommendation.response_rule_code = await _due(
            session, principal, recommendation.sent_on, data.response_due_on
        )
    for field in ("content", "answer_measures", "follow_up"):
        if field in changes and (changes[field] is not None or field != "content"):
            setattr(recommendation, field, changes[field])
    await session.flush()
    return recommendation


def _move(recommendation: Recommendation, action: Action) -> Move:
    allowed = moves_from(recommendation.status)
    move = next((m for m in allowed if m.action == action), None)
    if move is None:
        raise RecommendationActionNotAllowed(
            f"'{action}' is not allowed for a recommendation in state '{recommendation.status}'.",
            extra={"allowed_actions": [m.action.value for m in allowed]},
        )
    return move


async def transition(
    session: AsyncSession,
    recommendation: Recommendation,
    request: CommitteeRecommendationTransition,
    if_match: str | None,
) -> Recommendation:
    """Move by `request` or refuse: 409 with the allowed actions for a move its state does not allow,
    422 for missing data or a bad date."""
    check_if_match(if_match, recommendation.version)
    move = _move(recommendation, request.action)
    missing = [f for f in move.requires if getattr(request, f) is None]
    if missing:
        raise ValidationFailed(
            f"'{move.action}' needs: {', '.join(missing)}.",
            code="missing_transition_data",
            errors=[
                FieldError(field=f, code="missing", message="Field required for this action") for f in missing
            ],
        )
    on = request.effective_on or clock.today()
    _check_not_future(on, "effective_on")
    not_before = recommendation.answered_on or recommendation.sent_on
    if on < not_before:
        raise invalid_field(
            "effective_on",
            "date_before_last_event",
            f"The last act before it is dated {not_before.isoformat()}; this one cannot be dated before it.",
        )
    if move.action == Action.ANSWER:
        recommendation.answer = request.answer
        recommendation.answered_on = on
        recommendation.answer_measures = request.answer_measures
    elif move.action == Action.CLOSE:
        recommendation.closed_on = on
    if request.follow_up is not None:
        recommendation.follow_up = request.follow_up
    recommendation.status = move.to
    await session.flush()
    return recommendation


async def petition(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    recommendation: Recommendation,
    data: PetitionFromRecommendation,
    identity_key: str,
) -> Petition:
    """Turn the recommendation into a petition (kiến nghị) received by its addressee, through the
    petitions service in this transaction: the recommendation names the petition (`petition_id`), the
    petition names the recommendation (`external_ref`). A second turn is a 409."""
    if not principal.can(Permission.PETITIONS_WRITE):
        raise PermissionDenied.lacking(Permission.PETITIONS_WRITE.value)
    if recommendation.petition_id is not None:
        raise AlreadyPetitioned(
            "The recommendation was already turned into a petition.",
            extra={"petition_id": str(recommendation.petition_id)},
        )
    subject = data.subject or f"Kiến nghị của {committee.name}: {recommendation.content}"
    body = PetitionCreate(
        kind=PetitionKind.PETITION,
        channel=data.channel,
        received_on=data.received_on or recommendation.sent_on,
        receiving_unit_id=recommendation.addressee_unit_id,
        subject=subject if len(subject) <= 300 else subject[:299] + "…",
        content=recommendation.content,
        category=data.category,
        external_ref=ExternalRef(source=PETITION_SOURCE, id=str(recommendation.id)),
    )
    created = await petitions.create(session, principal, body, identity_key)
    recommendation.petition_id = created.id
    await session.flush()
    return created


def read(recommendation: Recommendation) -> CommitteeRecommendationRead:
    allowed = [m.action for m in moves_from(recommendation.status)]
    return CommitteeRecommendationRead.from_model(
        recommendation, allowed_actions=allowed, response_rule_id=recommendation.response_rule_code
    )
