"""How reception quotas are counted: levels, periods, slots and what a rule asks of a unit.

The rules themselves — how many days each head owes, with their legal basis and validity — are
data, in the table `reception_quota_rules` (quota_rules/models.py). What stays here are the rules
of counting, the same whatever the law says (docs/receptions.md says the same for users):
- A unit's level comes from its kind; other kinds (villages, agencies, ...) owe no quota.
- A quota is owed per *slot*: an ISO week (Monday to Sunday) or a calendar month.
- Each slot is attributed to one *anchor* day: the Thursday of a week (as ISO 8601 gives every
  week to the year of its Thursday) and the 15th of a month, i.e. the day that holds the
  majority of its days. A slot is owed when its anchor lies in the period, in the rule's
  validity and in the unit's life; so each slot is owed once, under one rule, by one unit.
  The week of 29 June - 5 July 2026 (Thursday 2 July) falls to July and the new monthly rule,
  June 2026 owes the four weeks whose Thursdays are 4, 11, 18 and 25 June, and months, quarters
  and years add up.
- A slot still running (it ends after `as_of`, normally today) is not owed yet.
"""

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from api.receptions.models import HostRole, Level, Per, ReceptionQuotaRule
from api.units.models import UnitKind

LEVEL_OF_KIND: dict[UnitKind, Level] = {
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.DISTRICT: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.WARD: Level.COMMUNE,
    UnitKind.TOWN: Level.COMMUNE,
    UnitKind.SPECIAL_ZONE: Level.COMMUNE,
}
LEVEL_ORDER = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def kinds_of(levels: frozenset[Level]) -> list[UnitKind]:
    return [kind for kind, level in LEVEL_OF_KIND.items() if level in levels]


# The report's order of host roles, heads first; a role appears only where a rule names it.
ROLE_ORDER: tuple[HostRole, ...] = (
    HostRole.PC_CHAIRMAN,
    HostRole.PARTY_SECRETARY,
    HostRole.PC_VICE_CHAIRMAN,
    HostRole.OFFICER,
    HostRole.OTHER,
)

# The longest a slot lasts: a rule cannot ask more days than its slot holds.
DAYS_PER_SLOT = {Per.WEEK: 7, Per.MONTH: 31}


@dataclass(frozen=True)
class Period:
    """A reporting period: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-07`)."""

    label: str
    start: date
    end: date  # inclusive


PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")


def parse_period(text: str) -> Period | None:
    """The period a label names, or None when it is not one of the three forms."""
    match = PERIOD_PATTERN.match(text)
    if match is None or int(match[1]) < 1:
        return None
    year = int(match[1])
    if match[2]:
        first = (int(match[2]) - 1) * 3 + 1
        last = first + 2
    elif match[3]:
        first = last = int(match[3])
    else:
        first, last = 1, 12
    return Period(text, date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


@dataclass(frozen=True)
class Slot:
    start: date
    end: date  # inclusive
    anchor: date


def _weeks(start: date, end: date) -> Iterator[Slot]:
    thursday = start + timedelta(days=(3 - start.weekday()) % 7)
    while thursday <= end:
        yield Slot(thursday - timedelta(days=3), thursday + timedelta(days=3), thursday)
        thursday += timedelta(days=7)


def _months(start: date, end: date) -> Iterator[Slot]:
    year, month = start.year, start.month
    while True:
        anchor = date(year, month, 15)
        if anchor > end:
            return
        if anchor >= start:
            yield Slot(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), anchor)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def slots(per: Per, start: date, end: date) -> Iterator[Slot]:
    """The slots whose anchor lies in [start, end]."""
    return _weeks(start, end) if per == Per.WEEK else _months(start, end)


def window(rule: ReceptionQuotaRule, period: Period) -> tuple[date, date] | None:
    """The days of the period on which the rule is in force (both inclusive); None when none is.
    A unit owes under the rule when its life meets this window."""
    start = max(period.start, rule.valid_from)
    end = period.end if rule.valid_to is None else min(period.end, rule.valid_to - timedelta(days=1))
    return (start, end) if start <= end else None


@dataclass(frozen=True)
class Requirement:
    rule: ReceptionQuotaRule
    slots: int
    required_days: int


def requirements(
    rules: Sequence[ReceptionQuotaRule],
    period: Period,
    unit_from: date | None,
    unit_to: date | None,
    as_of: date,
) -> list[Requirement]:
    """What each rule asks of one unit's holder over the period (rules not in force in it are left
    out). `unit_from`/`unit_to` bound the unit's life (`unit_to` exclusive); slots ending after
    `as_of` are not owed yet."""
    out = []
    for rule in rules:
        days = window(rule, period)
        if days is None:
            continue
        start = max(days[0], unit_from) if unit_from is not None else days[0]
        end = min(days[1], unit_to - timedelta(days=1)) if unit_to is not None else days[1]
        if start > end:
            continue
        owed = sum(1 for slot in slots(rule.per, start, end) if slot.end <= as_of)
        out.append(Requirement(rule, owed, owed * rule.days))
    return out
