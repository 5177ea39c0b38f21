"""The rules of committees, their terms and members, and their compliance with the composition rules.

Services take the session explicitly, raise `AppError`s and only flush: the request's unit of work
commits. A change is checked in memory before anything is flushed, so a refused change writes nothing.
"""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.committees import composition
from api.committees.models import (
    Committee,
    CommitteeCompositionRule,
    CommitteeKind,
    CommitteeMember,
    CommitteeStatus,
    CommitteeTerm,
    Enforcement,
    JoinedBy,
    RuleCheck,
)
from api.committees.projects import service as projects_service
from api.committees.repository import CommitteeRepository, MemberRepository, TermRepository
from api.committees.rules.repository import RuleRepository
from api.committees.rules.service import ELIGIBILITY
from api.committees.schemas import (
    CommitteeComplianceRead,
    CommitteeCreate,
    CommitteeMemberCreate,
    CommitteeMemberRead,
    CommitteeMemberUpdate,
    CommitteeTermCreate,
    CommitteeTermUpdate,
    CommitteeUpdate,
    CompositionRuleOutcome,
)
from api.core import clock
from api.core.access import Principal
from api.core.errors import Conflict, FieldError, NotFound, ValidationFailed, invalid_field
from api.core.etag import check_if_match
from api.core.external_ref import claim_external_ref
from api.core.permissions import Permission
from api.core.text import fold, searchable
from api.units.models import Unit, UnitKind
from api.units.rules import COMMUNE_LEVEL, VILLAGE_LEVEL
from api.units.schemas import UnitSummary
from api.units.scope import units_in_jurisdiction
from api.units.service import check_unit_existed

# The units each kind of committee sits in (Law 10/2022, Art. 35, 41 and 59).
UNIT_KINDS: dict[CommitteeKind, frozenset[UnitKind]] = {
    CommitteeKind.PEOPLE_INSPECTION: COMMUNE_LEVEL,
    CommitteeKind.INVESTMENT_SUPERVISION: COMMUNE_LEVEL,
    CommitteeKind.PEOPLE_INSPECTION_AGENCY: frozenset(
        {UnitKind.AGENCY, UnitKind.PUBLIC_SERVICE_UNIT, UnitKind.ENTERPRISE}
    ),
}
# A commune or an agency has one PIC; a commune has a CISB per investment project.
ONE_PER_UNIT = frozenset({CommitteeKind.PEOPLE_INSPECTION, CommitteeKind.PEOPLE_INSPECTION_AGENCY})
# The member's field a refusal of a counted rule points at.
BLAMED = {
    RuleCheck.MAX_HEADS: "role",
    RuleCheck.MAX_DEPUTY_HEADS: "role",
    RuleCheck.MAX_RESIDENT_MEMBERS: "constituency",
}
ELECTED = frozenset({JoinedBy.VILLAGE_MEETING_ELECTION, JoinedBy.BY_ELECTION})

_RULE_EXTENSIONS: dict[str, dict[str, Any]] = {
    "rule_id": {
        "type": "string",
        "description": "The `id` of the composition rule the change breaks.",
        "examples": ["pic-no-commune-post"],
    },
    "legal_basis": {
        "type": "string",
        "description": "The article the rule comes from.",
        "examples": ["Luật 10/2022/QH15, Điều 37"],
    },
}


class CompositionRuleBroken(ValidationFailed):
    default_code = "composition_rule_broken"
    extensions = _RULE_EXTENSIONS


class MemberIneligible(ValidationFailed):
    default_code = "member_ineligible"
    extensions = _RULE_EXTENSIONS


class TermOverlap(Conflict):
    default_code = "term_overlap"
    extensions = {
        "overlapping_term_id": {
            "type": "string",
            "format": "uuid",
            "description": "The committee's term in force on some day of the new one.",
            "examples": ["3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a"],
        }
    }


# Committees


def refresh_search_text(committee: Committee) -> None:
    committee.name_key = fold(committee.name)
    committee.search_text = searchable(
        committee.name, committee.established_document, committee.established_by, committee.notes
    )


def _check_not_future(day: date | None, field: str) -> None:
    if day is not None and day > clock.today():
        raise invalid_field(field, "date_in_future", "Record it on or after that day.")


async def _check_alone(repo: CommitteeRepository, committee: Committee) -> None:
    if committee.kind not in ONE_PER_UNIT or committee.status != CommitteeStatus.ACTIVE:
        return
    other = await repo.active_of_kind(committee.unit_id, committee.kind, other_than=committee.id)
    if other is not None:
        raise Conflict(
            f"{committee.unit.name} already has an active committee of this kind ({other.name}, {other.id}): "
            "dissolve it first.",
            code="committee_exists",
        )


async def create_committee(session: AsyncSession, principal: Principal, data: CommitteeCreate) -> Committee:
    unit = (await units_in_jurisdiction(session, principal.jurisdiction, {"unit_id": data.unit_id}))[
        "unit_id"
    ]
    if unit.kind not in UNIT_KINDS[data.kind]:
        allowed = ", ".join(sorted(UNIT_KINDS[data.kind]))
        raise invalid_field(
            "unit_id",
            "unit_kind_mismatch",
            f"A {data.kind.value} committee sits in a unit of kind {allowed}.",
        )
    if data.established_on is not None:
        _check_not_future(data.established_on, "established_on")
        check_unit_existed(unit, data.established_on, "established_on")
    committee = Committee(
        id=uuid.uuid4(),
        kind=data.kind,
        unit_id=unit.id,
        name=data.name,
        established_document=data.established_document,
        established_on=data.established_on,
        established_by=data.established_by,
        status=CommitteeStatus.ACTIVE,
        notes=data.notes,
    )
    committee.unit = unit
    committee.project = await projects_service.board_project(
        session, principal, data.kind, unit.id, data.project_id, None
    )
    committee.project_id = committee.project.id if committee.project is not None else None
    await _check_alone(CommitteeRepository(session, principal), committee)
    await claim_external_ref(session, committee, data.external_ref, "committee")
    refresh_search_text(committee)
    session.add(committee)
    await session.flush()
    return committee


_COMMITTEE_FIELDS = (
    "name",
    "established_document",
    "established_on",
    "established_by",
    "dissolved_on",
    "notes",
)


async def update_committee(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    data: CommitteeUpdate,
    if_match: str | None,
) -> Committee:
    check_if_match(if_match, committee.version)
    changes = data.model_dump(exclude_unset=True)
    established_on = changes.get("established_on", committee.established_on)
    dissolved_on = changes.get("dissolved_on", committee.dissolved_on)
    if "established_on" in changes and established_on is not None:
        _check_not_future(established_on, "established_on")
        check_unit_existed(committee.unit, established_on, "established_on")
    if "dissolved_on" in changes:
        _check_not_future(dissolved_on, "dissolved_on")
    if dissolved_on is not None and established_on is not None and dissolved_on < established_on:
        raise invalid_field(
            "dissolved_on", "invalid_period", "A committee is dissolved after it is established."
        )
    if "external_ref" in changes:
        await claim_external_ref(session, committee, data.external_ref, "committee")
    for field in _COMMITTEE_FIELDS:
        if field in changes:
            setattr(committee, field, changes[field])
    committee.status = CommitteeStatus.ACTIVE if committee.dissolved_on is None else CommitteeStatus.DISSOLVED
    await _check_alone(CommitteeRepository(session, principal), committee)
    if committee.project_id is not None and committee.status == CommitteeStatus.ACTIVE:
        await projects_service.check_sole_board(session, principal, committee)
    refresh_search_text(committee)
    await session.flush()
    return committee


# Rules applied to changes


async def _rules_of(
    session: AsyncSession, principal: Principal, committee: Committee, term: CommitteeTerm
) -> list[CommitteeCompositionRule]:
    """The rules the term is checked against: those of its committee's kind in force on its first day."""
    return await RuleRepository(session, principal).in_force(committee.kind, term.starts_on)


def _refusal(
    rule: CommitteeCompositionRule, detail: str, error: type[ValidationFailed], field: str
) -> ValidationFailed:
    return error(
        f"{detail} Rule {rule.code} ({rule.legal_basis}) refuses it.",
        errors=[FieldError(field=field, code=error.default_code, message=f"{rule.code}: {rule.legal_basis}")],
        extra={"rule_id": rule.code, "legal_basis": rule.legal_basis},
    )


async def _check_refusing_rules(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    term: CommitteeTerm,
    members: Sequence[CommitteeMember],
    changed: CommitteeMember | None,
) -> None:
    """Refuse the change when it breaks a rule whose breach refuses it: the changed member's
    eligibility, and each counted maximum on every day the term's composition grows."""
    rules = [
        r for r in await _rules_of(session, principal, committee, term) if r.enforcement == Enforcement.REFUSE
    ]
    for rule in rules:
        if rule.requirement in ELIGIBILITY:
            if changed is not None and composition.ineligible(rule, changed):
                field = (
                    "holds_commune_post"
                    if rule.requirement == RuleCheck.NO_COMMUNE_POST
                    else "related_to_project_party"
                )
                raise _refusal(
                    rule,
                    f"{changed.full_name} is not eligible to sit on the committee.",
                    MemberIneligible,
                    field,
                )
            continue
        # A member's change answers only for the days the member sits: a breach recorded before
        # the rule refused it is reported, and does not block every later change.
        days = [d for d in composition.change_days(term, members) if changed is None or changed.sits_on(d)]
        for day in days:
            villages = None
            if rule.applies_below_villages is not None:
                villages = await CommitteeRepository(session, principal).villages_on(committee.unit_id, day)
            outcome = composition.evaluate(rule, term, composition.sitting_on(members, day), villages)
            if not outcome.holds:
                field = BLAMED.get(rule.requirement, "joined_on") if changed is not None else "planned_end_on"
                raise _refusal(rule, f"On {day.isoformat()}: {outcome.reason}", CompositionRuleBroken, field)


# Terms


def _check_term_dates(term: CommitteeTerm) -> None:
    if term.planned_end_on <= term.starts_on:
        raise invalid_field("planned_end_on", "invalid_period", "A term's planned end comes after its start.")
    if term.ended_on is not None and term.ended_on <= term.starts_on:
        raise invalid_field("ended_on", "invalid_period", "A term ends after it starts.")


async def _check_term(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    term: CommitteeTerm,
    other_than: uuid.UUID | None,
) -> None:
    _check_term_dates(term)
    if committee.dissolved_on is not None and term.starts_on >= committee.dissolved_on:
        raise invalid_field(
            "starts_on",
            "committee_dissolved",
            f"The committee was dissolved on {committee.dissolved_on.isoformat()}.",
        )
    other = await TermRepository(session, principal).overlapping(
        committee.id, term.starts_on, term.end, other_than
    )
    if other is not None:
        raise TermOverlap(
            f"The committee's term from {other.starts_on.isoformat()} to {other.end.isoformat()} (exclusive) "
            "overlaps it: end it (ended_on) before this one starts.",
            extra={"overlapping_term_id": str(other.id)},
        )


async def _regime(
    session: AsyncSession, principal: Principal, committee: Committee, term: CommitteeTerm
) -> str | None:
    rules = await _rules_of(session, principal, committee, term)
    return rules[0].regime if rules else None


async def create_term(
    session: AsyncSession, principal: Principal, committee: Committee, data: CommitteeTermCreate
) -> CommitteeTerm:
    term = CommitteeTerm(
        id=uuid.uuid4(),
        committee_id=committee.id,
        unit_id=committee.unit_id,
        starts_on=data.starts_on,
        planned_end_on=data.planned_end_on,
        ended_on=data.ended_on,
        notes=data.notes,
    )
    await _check_term(session, principal, committee, term, None)
    term.regime = await _regime(session, principal, committee, term)
    await _check_refusing_rules(session, principal, committee, term, [], None)
    session.add(term)
    await session.flush()
    return term


async def update_term(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    term: CommitteeTerm,
    data: CommitteeTermUpdate,
    if_match: str | None,
) -> CommitteeTerm:
    check_if_match(if_match, term.version)
    members = await MemberRepository(session, principal).of_term(term.id)
    changes = data.model_dump(exclude_unset=True)
    # Checked on a copy, so that nothing invalid is flushed by a query the checks run.
    draft = CommitteeTerm(
        starts_on=changes.get("starts_on", term.starts_on),
        planned_end_on=changes.get("planned_end_on", term.planned_end_on),
        ended_on=changes.get("ended_on", term.ended_on),
    )
    await _check_term(session, principal, committee, draft, term.id)
    outside = [
        m
        for m in members
        if not draft.in_force(m.joined_on) or (m.left_on is not None and m.left_on > draft.end)
    ]
    if outside:
        names = ", ".join(m.full_name for m in outside[:5])
        raise invalid_field(
            "starts_on" if "starts_on" in changes else "planned_end_on",
            "members_outside_term",
            f"Members would sit outside the term: {names}; change their dates first.",
        )
    draft.regime = await _regime(session, principal, committee, draft)
    await _check_refusing_rules(session, principal, committee, draft, members, None)
    for field in ("starts_on", "planned_end_on", "ended_on", "notes"):
        if field in changes:
            setattr(term, field, changes[field])
    term.regime = draft.regime
    await session.flush()
    return term


# Members


async def _term_of(
    session: AsyncSession, principal: Principal, committee: Committee, term_id: uuid.UUID
) -> CommitteeTerm:
    try:
        return await TermRepository(session, principal).of(committee, term_id)
    except NotFound as exc:
        raise invalid_field("term_id", "term_not_found", f"The committee has no term {term_id}.") from exc


async def _represented_unit(
    session: AsyncSession, principal: Principal, committee: Committee, unit_id: uuid.UUID | None
) -> Unit | None:
    if unit_id is None:
        return None
    unit = (await units_in_jurisdiction(session, principal.jurisdiction, {"represented_unit_id": unit_id}))[
        "represented_unit_id"
    ]
    if unit.parent_id != committee.unit_id or unit.kind not in VILLAGE_LEVEL:
        raise invalid_field(
            "represented_unit_id",
            "represented_unit_outside_committee",
            f"{unit.name} is not a village or residential group of the committee's unit.",
        )
    return unit


def _check_member(term: CommitteeTerm, member: CommitteeMember) -> None:
    """What a member's record must say of itself and of its term."""
    if member.left_on is not None and member.left_on <= member.joined_on:
        raise invalid_field(
            "left_on", "left_before_joined", "A member leaves after joining (left_on > joined_on)."
        )
    if not term.in_force(member.joined_on):
        raise invalid_field(
            "joined_on",
            "date_outside_term",
            f"The term runs from {term.starts_on.isoformat()} to {term.end.isoformat()} (exclusive).",
        )
    if member.left_on is not None and member.left_on > term.end:
        raise invalid_field(
            "left_on",
            "date_outside_term",
            f"The term ends on {term.end.isoformat()}; a member leaves by then.",
        )
    if member.leaving_reason is not None and member.left_on is None:
        raise invalid_field(
            "left_on", "left_on_required", "A reason for leaving needs the day the member left."
        )
    if member.joined_by in ELECTED and member.meeting_on is None:
        raise invalid_field(
            "meeting_on", "meeting_date_required", "An elected member needs the meeting's date."
        )
    if member.meeting_on is not None and member.meeting_on > member.joined_on:
        raise invalid_field("meeting_on", "invalid_period", "The meeting comes before the member joins.")
    if member.votes_for is not None and member.voters is not None and member.votes_for > member.voters:
        raise invalid_field("votes_for", "votes_exceed_voters", "More votes for the member than votes cast.")
    if member.birth_year is not None and member.birth_year > clock.today().year:
        raise invalid_field("birth_year", "date_in_future", "A year of birth is not in the future.")


def refresh_member_search_text(member: CommitteeMember) -> None:
    member.search_text = searchable(member.full_name, member.ethnicity, member.occupation)


_MEMBER_FIELDS = (
    "full_name",
    "gender",
    "birth_year",
    "ethnicity",
    "occupation",
    "contact",
    "role",
    "constituency",
    "joined_by",
    "meeting_on",
    "votes_for",
    "voters",
    "joined_on",
    "left_on",
    "leaving_reason",
    "holds_commune_post",
    "related_to_project_party",
)


async def create_member(
    session: AsyncSession, principal: Principal, committee: Committee, data: CommitteeMemberCreate
) -> CommitteeMember:
    term = await _term_of(session, principal, committee, data.term_id)
    represented = await _represented_unit(session, principal, committee, data.represented_unit_id)
    members = await MemberRepository(session, principal).of_term(term.id)
    member = CommitteeMember(
        id=uuid.uuid4(),
        committee_id=committee.id,
        term_id=term.id,
        unit_id=committee.unit_id,
        represented_unit_id=represented.id if represented is not None else None,
        **{field: getattr(data, field) for field in _MEMBER_FIELDS},
    )
    member.represented_unit = represented
    _check_member(term, member)
    await _check_refusing_rules(session, principal, committee, term, [*members, member], member)
    await claim_external_ref(session, member, data.external_ref, "committee member")
    refresh_member_search_text(member)
    session.add(member)
    await session.flush()
    return member


async def update_member(
    session: AsyncSession,
    principal: Principal,
    committee: Committee,
    member: CommitteeMember,
    data: CommitteeMemberUpdate,
    if_match: str | None,
) -> CommitteeMember:
    check_if_match(if_match, member.version)
    term = await TermRepository(session, principal).of(committee, member.term_id)
    changes = data.model_dump(exclude_unset=True)
    represented = member.represented_unit
    if "represented_unit_id" in changes:
        represented = await _represented_unit(session, principal, committee, changes["represented_unit_id"])
    others = [m for m in await MemberRepository(session, principal).of_term(term.id) if m.id != member.id]
    # Checked on a copy, so that nothing invalid is flushed by a query the checks run.
    draft = CommitteeMember(
        **{field: changes.get(field, getattr(member, field)) for field in _MEMBER_FIELDS},
        represented_unit_id=represented.id if represented is not None else None,
    )
    _check_member(term, draft)
    await _check_refusing_rules(session, principal, committee, term, [*others, draft], draft)
    if "external_ref" in changes:
        await claim_external_ref(session, member, data.external_ref, "committee member")
    for field in _MEMBER_FIELDS:
        if field in changes:
            setattr(member, field, changes[field])
    member.represented_unit_id = draft.represented_unit_id
    member.represented_unit = represented
    refresh_member_search_text(member)
    await session.flush()
    return member


def member_read(principal: Principal, member: CommitteeMember) -> CommitteeMemberRead:
    """A member as the reader may see it: the contact only for those who may manage the committee
    (the committee is in the reader's jurisdiction, or it would not have been found)."""
    unit = member.represented_unit
    return CommitteeMemberRead.from_model(
        member,
        contact=member.contact if principal.can(Permission.COMMITTEES_WRITE) else None,
        represented_unit=UnitSummary.model_validate(unit) if unit is not None else None,
    )


# Compliance


async def compliance(
    session: AsyncSession, principal: Principal, committee: Committee, as_of: date | None
) -> CommitteeComplianceRead:
    """Each rule of the term in force on the day, whether it holds, and why not."""
    day = as_of or clock.today()
    term = await TermRepository(session, principal).on(committee.id, day)
    villages = None
    if committee.kind == CommitteeKind.PEOPLE_INSPECTION:
        villages = await CommitteeRepository(session, principal).villages_on(committee.unit_id, day)
    base: dict[str, Any] = {
        "committee_id": committee.id,
        "as_of": day,
        "villages": len(villages) if villages is not None else None,
    }
    if term is None:
        return CommitteeComplianceRead(
            **base,
            term_id=None,
            regime=None,
            members=0,
            compliant=False,
            reasons=[f"No term of the committee is in force on {day.isoformat()}."],
            rules=[],
        )
    sitting = composition.sitting_on(await MemberRepository(session, principal).of_term(term.id), day)
    outcomes = [
        composition.evaluate(rule, term, sitting, villages)
        for rule in await _rules_of(session, principal, committee, term)
    ]
    return CommitteeComplianceRead(
        **base,
        term_id=term.id,
        regime=term.regime,
        members=len(sitting),
        compliant=all(o.holds for o in outcomes),
        reasons=[f"{o.rule.code} ({o.rule.legal_basis}): {o.reason}" for o in outcomes if not o.holds],
        rules=[
            CompositionRuleOutcome(
                rule_id=o.rule.code,
                requirement=o.rule.requirement.value,
                value=o.rule.value,
                legal_basis=o.rule.legal_basis,
                enforcement=o.rule.enforcement.value,
                applies=o.applies,
                holds=o.holds,
                actual=o.actual,
                reason=o.reason,
            )
            for o in outcomes
        ],
    )
