"""The rules of inspection teams: who may form one, when, under which plan, visiting which units;
their workflow (transitions.py) and the record of each visit. Services only flush."""

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.db import utcnow
from api.core.errors import Conflict, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.permissions import Permission
from api.core.storage import Storage
from api.core.text import searchable
from api.core.unit_of_work import Deferred
from api.inspections import transitions
from api.inspections.attachments.service import remove_targets_evidence
from api.inspections.models import InspectionPlan, InspectionTarget, InspectionTeam
from api.inspections.plans.repository import PlanRepository
from api.inspections.recommendations.repository import RecommendationRepository
from api.inspections.repository import TeamRepository
from api.inspections.schemas import (
    InspectionTargetRead,
    InspectionTargetUpdate,
    TeamCreate,
    TeamEventRead,
    TeamMember,
    TeamRead,
    TeamTransitionRequest,
    TeamUpdate,
)
from api.inspections.topics.service import check_topics
from api.inspections.workflows import INITIAL, OPEN, Action, Status, moves_from
from api.units.models import Unit
from api.units.scope import units_in_jurisdiction, visible_units
from api.units.service import check_unit_existed


def refresh_search_text(team: InspectionTeam) -> None:
    team.search_text = searchable(team.title, team.decision_number)


async def _organiser(session: AsyncSession, principal: Principal, unit_id: uuid.UUID) -> Unit:
    found = await units_in_jurisdiction(session, principal.jurisdiction, {"organising_unit_id": unit_id})
    return found["organising_unit_id"]


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise invalid_field("planned_end", "invalid_period", "The planned period ends before it starts.")


async def _plan(session: AsyncSession, principal: Principal, plan_id: uuid.UUID, organiser: Unit) -> None:
    """A team carries out a plan its organiser's own unit, or a unit above it, organises."""
    plan: InspectionPlan | None = await PlanRepository(session, principal).find(plan_id)
    if plan is None:
        raise invalid_field("plan_id", "plan_not_found", f"Inspection plan {plan_id} does not exist.")
    if not organiser.path.startswith(plan.organising_unit.path):
        raise invalid_field(
            "plan_id",
            "plan_of_another_organiser",
            f"The plan is organised by {plan.organising_unit.name}, which neither is nor lies above the "
            "team's organising unit.",
        )


async def _target_units(
    session: AsyncSession,
    principal: Principal,
    unit_ids: Sequence[uuid.UUID],
    organiser: Unit,
    start: date,
    end: date,
    known: dict[uuid.UUID, Unit],
) -> list[Unit]:
    """The units a team visits, in the order given (repeats dropped): each in the organiser's
    subtree (422 `target_outside_organiser`; `unit_not_found` outside the jurisdiction) and
    existing through the planned period. `known`: units already loaded (the current targets')."""
    found = {**known, **await visible_units(session, principal.jurisdiction, set(unit_ids) - set(known))}
    units: dict[uuid.UUID, Unit] = {}
    for index, unit_id in enumerate(unit_ids):
        if unit_id in units:
            continue
        field = f"target_unit_ids.{index}"
        unit = found.get(unit_id)
        if unit is None:
            raise invalid_field(
                field, "unit_not_found", f"Unit {unit_id} does not exist in your jurisdiction."
            )
        if not unit.path.startswith(organiser.path):
            raise invalid_field(
                field, "target_outside_organiser", f"{unit.name} lies outside {organiser.name}'s subtree."
            )
        check_unit_existed(unit, start, field)
        check_unit_existed(unit, end, field)
        units[unit_id] = unit
    return list(units.values())


def _set_targets(team: InspectionTeam, units: list[Unit]) -> None:
    """The team's targets become these units: a unit kept keeps its visit's record."""
    kept = {t.unit_id: t for t in team.targets}
    targets = []
    for position, unit in enumerate(units):
        target = kept.get(unit.id)
        if target is None:
            target = InspectionTarget(id=uuid.uuid4(), team_id=team.id, unit_id=unit.id, unit=unit)
        target.position = position
        targets.append(target)
    team.targets = targets


async def _check_owners_follow(
    session: AsyncSession, principal: Principal, team: InspectionTeam, organiser: Unit
) -> None:
    """A new organising unit keeps every recommendation's owner in its subtree: the organiser
    verifies what its own units report."""
    outside = await RecommendationRepository(session, principal).owners_outside(team.id, organiser.path)
    if outside:
        raise invalid_field(
            "organising_unit_id",
            "owner_outside_organiser",
            f"{outside} of the team's recommendations are addressed to units outside {organiser.name}'s subtree.",
        )


def _members(members: Sequence[TeamMember]) -> list[dict[str, Any]]:
    return [m.model_dump(mode="json") for m in members]


async def create_team(session: AsyncSession, principal: Principal, data: TeamCreate) -> InspectionTeam:
    organiser = await _organiser(session, principal, data.organising_unit_id)
    _check_period(data.planned_start, data.planned_end)
    check_unit_existed(organiser, data.planned_start, "planned_start")
    if data.plan_id is not None:
        await _plan(session, principal, data.plan_id, organiser)
    await check_topics(session, principal, data.topics)
    members = _members(data.members)
    transitions.check_members(members, INITIAL)
    units = await _target_units(
        session, principal, data.target_unit_ids, organiser, data.planned_start, data.planned_end, {}
    )
    team = InspectionTeam(
        id=uuid.uuid4(),
        **data.model_dump(exclude={"external_ref", "topics", "members", "target_unit_ids"}),
        status=INITIAL,
        topics=list(dict.fromkeys(data.topics)),
        members=members,
        targets=[],
    )
    await claim_external_ref(session, team, data.external_ref, "inspection team")
    team.organising_unit = organiser
    _set_targets(team, units)
    refresh_search_text(team)
    session.add(team)
    await session.flush()
    return team


def _check_open(team: InspectionTeam) -> None:
    if team.status not in OPEN:
        raise Conflict(f"The team is {team.status}: its record can no longer change.", code="team_closed")


_PLAIN_FIELDS = ("kind", "title", "decision_number", "decision_signer", "planned_start", "planned_end")


async def update_team(
    session: AsyncSession,
    principal: Principal,
    storage: Storage,
    after_transaction: Callable[[Deferred], None],
    team: InspectionTeam,
    data: TeamUpdate,
    if_match: str | None,
) -> InspectionTeam:
    check_if_match(if_match, team.version)
    _check_open(team)
    changes = data.model_dump(exclude_unset=True)
    organiser = team.organising_unit
    if "organising_unit_id" in changes and changes["organising_unit_id"] != team.organising_unit_id:
        organiser = await _organiser(session, principal, changes["organising_unit_id"])
    start = changes.get("planned_start", team.planned_start)
    end = changes.get("planned_end", team.planned_end)
    _check_period(start, end)
    check_unit_existed(organiser, start, "planned_start")
    plan_id = changes.get("plan_id", team.plan_id)
    if plan_id is not None and (plan_id != team.plan_id or organiser is not team.organising_unit):
        await _plan(session, principal, plan_id, organiser)
    if "topics" in changes:
        await check_topics(session, principal, changes["topics"], kept=team.topics)
        team.topics = list(dict.fromkeys(changes["topics"]))
    if data.members is not None:
        members = _members(data.members)
        transitions.check_members(members, team.status)
        team.members = members
    wanted = changes.get("target_unit_ids", [t.unit_id for t in team.targets])
    known = {t.unit_id: t.unit for t in team.targets}
    units = await _target_units(session, principal, wanted, organiser, start, end, known)
    if organiser is not team.organising_unit:
        await _check_owners_follow(session, principal, team, organiser)
    if "external_ref" in changes:
        await claim_external_ref(session, team, data.external_ref, "inspection team")
    for field in _PLAIN_FIELDS:
        if field in changes:
            setattr(team, field, changes[field])
    team.plan_id = plan_id
    team.organising_unit_id = organiser.id
    team.organising_unit = organiser
    kept = {u.id for u in units}
    removed = {t.id for t in team.targets if t.unit_id not in kept}
    await remove_targets_evidence(session, principal, storage, after_transaction, removed)
    _set_targets(team, units)
    refresh_search_text(team)
    # Its targets are part of the team: a change of them alone must change its ETag too.
    team.updated_at = utcnow()
    await session.flush()
    return team


async def delete_team(
    session: AsyncSession, principal: Principal, team: InspectionTeam, if_match: str | None
) -> None:
    """Only a team still planned is deleted; one established is cancelled instead, and stays on record."""
    check_if_match(if_match, team.version)
    if team.status != Status.PLANNED:
        raise Conflict(
            f"The team is {team.status}: cancel it instead (its acts stay on record).",
            code="team_not_planned",
        )
    await session.delete(team)
    await session.flush()


async def transition(
    session: AsyncSession,
    principal: Principal,
    team: InspectionTeam,
    body: TeamTransitionRequest,
    if_match: str | None,
) -> InspectionTeam:
    check_if_match(if_match, team.version)
    last_on = await TeamRepository(session, principal).last_event_on(team.id)
    # Only closing asks how many recommendations are still followed up: one query, for that act.
    still_open = (
        await RecommendationRepository(session, principal).open_count(team.id)
        if body.action == Action.CLOSE
        else 0
    )
    transitions.apply(session, principal, team, body, last_on, still_open)
    # `establish` may give the decision's number, which the search reads.
    refresh_search_text(team)
    team.updated_at = utcnow()
    await session.flush()
    return team


def _check_visit_dates(target: InspectionTarget) -> None:
    today = clock.today()
    for field in ("visited_from", "visited_to", "self_assessment_received_on"):
        day = getattr(target, field)
        if day is not None and day > today:
            raise invalid_field(
                field, "date_in_future", "A visit is recorded on or after the day it happens."
            )
    if (
        target.visited_from is not None
        and target.visited_to is not None
        and target.visited_to < target.visited_from
    ):
        raise invalid_field("visited_to", "invalid_period", "The visit ends before it starts.")
    if target.self_assessment_received_on is not None and not target.self_assessment_received:
        raise invalid_field(
            "self_assessment_received_on",
            "invalid_self_assessment",
            "A self-assessment has a date of receipt only once it is received.",
        )


async def update_target(
    session: AsyncSession,
    principal: Principal,
    team: InspectionTeam,
    target_id: uuid.UUID,
    data: InspectionTargetUpdate,
    if_match: str | None,
) -> InspectionTeam:
    """Record how a visit went. `If-Match` takes the team's ETag: a target is part of its team."""
    check_if_match(if_match, team.version)
    target = TeamRepository.target_of(team, target_id)
    _check_open(team)
    for field, value in data.model_dump(exclude_unset=True).items():
        setattr(target, field, value)
    _check_visit_dates(target)
    team.updated_at = utcnow()
    await session.flush()
    return team


def read(session: AsyncSession, principal: Principal, team: InspectionTeam) -> TeamRead:
    """A team as its reader sees it: its targets in the reader's sight, and what the reader may do."""
    repo = TeamRepository(session, principal)
    movable = principal.can(Permission.INSPECTIONS_WRITE) and repo.may_change(team)
    return TeamRead.from_model(
        team,
        targets=[InspectionTargetRead.model_validate(t) for t in repo.targets_seen(team)],
        allowed_actions=[m.action for m in moves_from(team.status)] if movable else [],
    )


async def history(session: AsyncSession, principal: Principal, team: InspectionTeam) -> list[TeamEventRead]:
    """Every act of the team, oldest first."""
    return [TeamEventRead.model_validate(e) for e in await TeamRepository(session, principal).events(team.id)]
