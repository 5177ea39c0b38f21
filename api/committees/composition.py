"""The composition rules applied: what each rule says of a committee's members on a day.

Pure functions over rows already loaded; the service loads them (the term, its members, the unit's
villages, the rules in force on the term's first day) and decides what a broken rule does: a
change is refused when the rule says `refuse`, the committee is reported non-compliant otherwise.
"""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from api.committees.models import (
    CommitteeCompositionRule,
    CommitteeMember,
    CommitteeTerm,
    Constituency,
    MemberRole,
    RuleCheck,
)
from api.units.models import Unit

# Villages named in a reason, at most (a reason is a sentence, not a list).
NAMED_IN_REASON = 5


class Outcome(NamedTuple):
    """A rule judged (a tuple: a subtree's report judges thousands)."""

    rule: CommitteeCompositionRule
    applies: bool
    holds: bool
    actual: int | None
    reason: str | None


class Tally(NamedTuple):
    """What the rules read of the members sitting on a day, counted once: how many, by role and
    constituency, the villages they represent, and the names of those whose declaration makes them
    ineligible. Counted here from the members, or in the database for a whole subtree
    (api/committees/compliance/service.py)."""

    members: int
    heads: int
    deputy_heads: int
    residents: int
    represented: frozenset[uuid.UUID]
    commune_post: tuple[str, ...]
    related: tuple[str, ...]


def tally(sitting: Sequence[CommitteeMember]) -> Tally:
    return Tally(
        members=len(sitting),
        heads=sum(1 for m in sitting if m.role == MemberRole.HEAD),
        deputy_heads=sum(1 for m in sitting if m.role == MemberRole.DEPUTY_HEAD),
        residents=sum(1 for m in sitting if m.constituency == Constituency.RESIDENT),
        represented=frozenset(m.represented_unit_id for m in sitting if m.represented_unit_id),
        commune_post=tuple(m.full_name for m in sitting if m.holds_commune_post),
        related=tuple(m.full_name for m in sitting if m.related_to_project_party),
    )


def _count(counted: Tally, rule: CommitteeCompositionRule) -> int:
    match rule.requirement:
        case RuleCheck.MAX_HEADS:
            return counted.heads
        case RuleCheck.MAX_DEPUTY_HEADS:
            return counted.deputy_heads
        case RuleCheck.MAX_RESIDENT_MEMBERS:
            return counted.residents
        case _:
            return counted.members


_NOUN = {
    RuleCheck.MIN_MEMBERS: "members",
    RuleCheck.MAX_MEMBERS: "members",
    RuleCheck.MAX_HEADS: "heads",
    RuleCheck.MAX_DEPUTY_HEADS: "deputy heads",
    RuleCheck.MAX_RESIDENT_MEMBERS: "resident members",
}


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _names(units: Sequence[Unit]) -> str:
    shown = ", ".join(u.name for u in units[:NAMED_IN_REASON])
    return shown + (f" and {len(units) - NAMED_IN_REASON} more" if len(units) > NAMED_IN_REASON else "")


def ineligible(rule: CommitteeCompositionRule, member: CommitteeMember) -> bool:
    """Whether the member's declaration breaks an eligibility rule (False for other rules)."""
    if rule.requirement == RuleCheck.NO_COMMUNE_POST:
        return member.holds_commune_post
    if rule.requirement == RuleCheck.NOT_RELATED_TO_PROJECT:
        return member.related_to_project_party
    return False


def evaluate(
    rule: CommitteeCompositionRule,
    term: CommitteeTerm,
    sitting: Sequence[CommitteeMember],
    villages: Sequence[Unit] | None,
) -> Outcome:
    """The rule on a day: `sitting` are the members sitting that day, `villages` the villages and
    residential groups of the committee's unit that day (None where the committee is not a commune's)."""
    return judge(rule, term, tally(sitting), villages)


def judge(
    rule: CommitteeCompositionRule,
    term: CommitteeTerm,
    counted: Tally,
    villages: Sequence[Unit] | None,
) -> Outcome:
    """`evaluate` on the members counted (`Tally`); `term` needs only its dates, a village its id and name."""
    value = rule.value
    if rule.applies_below_villages is not None and (
        villages is None or len(villages) >= rule.applies_below_villages
    ):
        return Outcome(rule, applies=False, holds=True, actual=None, reason=None)
    match rule.requirement:
        case RuleCheck.MIN_MEMBERS:
            n = _count(counted, rule)
            assert value is not None
            ok = n >= value
            return Outcome(rule, True, ok, n, None if ok else f"{n} members, fewer than {value}.")
        case (
            RuleCheck.MAX_MEMBERS
            | RuleCheck.MAX_HEADS
            | RuleCheck.MAX_DEPUTY_HEADS
            | RuleCheck.MAX_RESIDENT_MEMBERS
        ):
            n = _count(counted, rule)
            assert value is not None
            ok = n <= value
            return Outcome(
                rule, True, ok, n, None if ok else f"{n} {_NOUN[rule.requirement]}, more than {value}."
            )
        case RuleCheck.ONE_PER_VILLAGE:
            if villages is None:
                return Outcome(rule, applies=False, holds=True, actual=None, reason=None)
            missing = [v for v in villages if v.id not in counted.represented]
            covered = len(villages) - len(missing)
            if not missing:
                return Outcome(rule, True, True, covered, None)
            without = (
                f"{len(missing)} of {len(villages)} villages or residential groups without a representative"
            )
            return Outcome(rule, True, False, covered, f"{without}: {_names(missing)}.")
        case RuleCheck.MAX_TERM_YEARS:
            assert value is not None
            ok = term.planned_end_on <= _years_later(term.starts_on, value)
            longer = f"The term is planned from {term.starts_on} to {term.planned_end_on}, longer than {value} years."
            return Outcome(rule, True, ok, None, None if ok else longer)
        case RuleCheck.NO_COMMUNE_POST | RuleCheck.NOT_RELATED_TO_PROJECT:
            wrong = counted.commune_post if rule.requirement == RuleCheck.NO_COMMUNE_POST else counted.related
            what = (
                "hold a commune post"
                if rule.requirement == RuleCheck.NO_COMMUNE_POST
                else "are related to the project's parties"
            )
            declared = f"{len(wrong)} members declared they {what}: {', '.join(wrong[:NAMED_IN_REASON])}."
            return Outcome(rule, True, not wrong, len(wrong), declared if wrong else None)
    raise AssertionError(rule.requirement)  # pragma: no cover - every requirement is matched above


def sitting_on(members: Sequence[CommitteeMember], day: date) -> list[CommitteeMember]:
    return [m for m in members if m.sits_on(day)]


def change_days(term: CommitteeTerm, members: Sequence[CommitteeMember]) -> list[date]:
    """The days a term's composition can grow: its first day and each member's joining day within it.
    A count only rises on those days, so a maximum holds throughout the term if it holds on each."""
    days = {term.starts_on} | {m.joined_on for m in members if term.in_force(m.joined_on)}
    return sorted(days)
