"""Reception quotas: how many days each head must receive citizens in person, as data.

Each rule names its legal basis and the days it is in force (`valid_to` is the first day it no
longer applies, like a unit's), so a change in law is a new row, not a code edit.

How a period's required days are counted (docs/receptions.md says the same for users):
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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from api.receptions.models import HostRole
from api.units.models import UnitKind


class ReceptionLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


# The contract's name is ReceptionLevel; the domain's code says Level.
Level = ReceptionLevel


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


class QuotaPeriod(StrEnum):
    WEEK = "week"
    MONTH = "month"


# The contract's name is QuotaPeriod; the domain's code says Per.
Per = QuotaPeriod


@dataclass(frozen=True)
class QuotaRule:
    id: str
    level: Level
    host_role: HostRole
    days: int
    per: Per
    valid_from: date
    # First day the rule no longer applies; None while it is in force.
    valid_to: date | None
    legal_basis: str
    note: str

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


# Law 42/2013 took effect on 1 July 2014, Regulation 11-QĐi/TW on 18 February 2019; the district
# level ended on 1 July 2025 (two-level local government), Law 136/2025 applies from 1 July 2026.
LAW_42_IN_FORCE = date(2014, 7, 1)
REG_11_IN_FORCE = date(2019, 2, 18)
DISTRICTS_ABOLISHED = date(2025, 7, 1)
LAW_136_IN_FORCE = date(2026, 7, 1)

QUOTA_RULES: tuple[QuotaRule, ...] = (
    QuotaRule(
        id="province-pc-chairman-monthly",
        level=Level.PROVINCE,
        host_role=HostRole.PC_CHAIRMAN,
        days=1,
        per=Per.MONTH,
        valid_from=LAW_42_IN_FORCE,
        valid_to=None,
        legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 12 khoản 5",
        note="The provincial People's Committee chairman receives citizens at least one day a month.",
    ),
    QuotaRule(
        id="district-pc-chairman-monthly",
        level=Level.DISTRICT,
        host_role=HostRole.PC_CHAIRMAN,
        days=2,
        per=Per.MONTH,
        valid_from=LAW_42_IN_FORCE,
        valid_to=DISTRICTS_ABOLISHED,
        legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 13 khoản 5",
        note="At least two days a month; the district level was abolished on 1 July 2025.",
    ),
    QuotaRule(
        id="commune-pc-chairman-weekly",
        level=Level.COMMUNE,
        host_role=HostRole.PC_CHAIRMAN,
        days=1,
        per=Per.WEEK,
        valid_from=LAW_42_IN_FORCE,
        valid_to=LAW_136_IN_FORCE,
        legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 15 khoản 2 điểm d",
        note="At least one day a week at the commune People's Committee office, until 30 June 2026.",
    ),
    QuotaRule(
        id="commune-pc-chairman-monthly",
        level=Level.COMMUNE,
        host_role=HostRole.PC_CHAIRMAN,
        days=2,
        per=Per.MONTH,
        valid_from=LAW_136_IN_FORCE,
        valid_to=None,
        legal_basis="Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Điều 15",
        note="At least two days a month at the commune reception place, in person; no delegation to deputies.",
    ),
    QuotaRule(
        id="province-party-secretary-monthly",
        level=Level.PROVINCE,
        host_role=HostRole.PARTY_SECRETARY,
        days=1,
        per=Per.MONTH,
        valid_from=REG_11_IN_FORCE,
        valid_to=None,
        legal_basis="Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        note="The head of the provincial Party committee receives citizens at least one day a month.",
    ),
    QuotaRule(
        id="district-party-secretary-monthly",
        level=Level.DISTRICT,
        host_role=HostRole.PARTY_SECRETARY,
        days=1,
        per=Per.MONTH,
        valid_from=REG_11_IN_FORCE,
        valid_to=DISTRICTS_ABOLISHED,
        legal_basis="Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        note="At least one day a month; the district level was abolished on 1 July 2025.",
    ),
    QuotaRule(
        id="commune-party-secretary-monthly",
        level=Level.COMMUNE,
        host_role=HostRole.PARTY_SECRETARY,
        days=2,
        per=Per.MONTH,
        valid_from=REG_11_IN_FORCE,
        valid_to=None,
        legal_basis="Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        note="The head of the commune Party committee receives citizens at least two days a month.",
    ),
)

ROLE_ORDER: tuple[HostRole, ...] = tuple(dict.fromkeys(r.host_role for r in QUOTA_RULES))


def rules_for(level: Level, host_role: HostRole) -> list[QuotaRule]:
    return [r for r in QUOTA_RULES if r.level == level and r.host_role == host_role]


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


@dataclass(frozen=True)
class Requirement:
    rule: QuotaRule
    slots: int
    required_days: int


def requirements(
    rules: list[QuotaRule],
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
        start = max(d for d in (period.start, rule.valid_from, unit_from) if d is not None)
        ends = [period.end]
        for exclusive in (rule.valid_to, unit_to):
            if exclusive is not None:
                ends.append(exclusive - timedelta(days=1))
        end = min(ends)
        if start > end:
            continue
        owed = sum(1 for slot in slots(rule.per, start, end) if slot.end <= as_of)
        out.append(Requirement(rule, owed, owed * rule.days))
    return out
