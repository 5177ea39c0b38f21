"""The quota arithmetic with concrete dates: periods, week and month slots, the changes of law.

The rules are those the product ships (`SHIPPED`, which tests/receptions/test_quota_rules.py proves
equal to the seeded table), built here as unsaved rows: counting needs no database."""

from datetime import date
from typing import Any

import pytest

from api.receptions.models import HostRole, Level, Per, ReceptionQuotaRule
from api.receptions.quotas import Period, Requirement, parse_period, requirements, slots

# The rules api/receptions/quotas.py held as `QUOTA_RULES` before they became the table
# `reception_quota_rules`, in that tuple's order.
SHIPPED: list[dict[str, Any]] = [
    {
        "code": "province-pc-chairman-monthly",
        "level": "province",
        "host_role": "pc_chairman",
        "days": 1,
        "per": "month",
        "valid_from": date(2014, 7, 1),
        "valid_to": None,
        "legal_basis": "Luật Tiếp công dân 42/2013/QH13, Điều 12 khoản 5",
        "note": "The provincial People's Committee chairman receives citizens at least one day a month.",
    },
    {
        "code": "district-pc-chairman-monthly",
        "level": "district",
        "host_role": "pc_chairman",
        "days": 2,
        "per": "month",
        "valid_from": date(2014, 7, 1),
        "valid_to": date(2025, 7, 1),
        "legal_basis": "Luật Tiếp công dân 42/2013/QH13, Điều 13 khoản 5",
        "note": "At least two days a month; the district level was abolished on 1 July 2025.",
    },
    {
        "code": "commune-pc-chairman-weekly",
        "level": "commune",
        "host_role": "pc_chairman",
        "days": 1,
        "per": "week",
        "valid_from": date(2014, 7, 1),
        "valid_to": date(2026, 7, 1),
        "legal_basis": "Luật Tiếp công dân 42/2013/QH13, Điều 15 khoản 2 điểm d",
        "note": "At least one day a week at the commune People's Committee office, until 30 June 2026.",
    },
    {
        "code": "commune-pc-chairman-monthly",
        "level": "commune",
        "host_role": "pc_chairman",
        "days": 2,
        "per": "month",
        "valid_from": date(2026, 7, 1),
        "valid_to": None,
        "legal_basis": "Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Điều 15",
        "note": "At least two days a month at the commune reception place, in person; no delegation to deputies.",
    },
    {
        "code": "province-party-secretary-monthly",
        "level": "province",
        "host_role": "party_secretary",
        "days": 1,
        "per": "month",
        "valid_from": date(2019, 2, 18),
        "valid_to": None,
        "legal_basis": "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        "note": "The head of the provincial Party committee receives citizens at least one day a month.",
    },
    {
        "code": "district-party-secretary-monthly",
        "level": "district",
        "host_role": "party_secretary",
        "days": 1,
        "per": "month",
        "valid_from": date(2019, 2, 18),
        "valid_to": date(2025, 7, 1),
        "legal_basis": "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        "note": "At least one day a month; the district level was abolished on 1 July 2025.",
    },
    {
        "code": "commune-party-secretary-monthly",
        "level": "commune",
        "host_role": "party_secretary",
        "days": 2,
        "per": "month",
        "valid_from": date(2019, 2, 18),
        "valid_to": None,
        "legal_basis": "Quy định 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị",
        "note": "The head of the commune Party committee receives citizens at least two days a month.",
    },
]

RULES = [
    ReceptionQuotaRule(
        **{**r, "level": Level(r["level"]), "host_role": HostRole(r["host_role"]), "per": Per(r["per"])}
    )
    for r in SHIPPED
]


def rules_for(level: Level, host_role: HostRole) -> list[ReceptionQuotaRule]:
    return [r for r in RULES if r.level == level and r.host_role == host_role]


AFTER_ALL = date(2030, 1, 1)


def owed(
    level: Level,
    role: HostRole,
    label: str,
    unit_from: date | None = None,
    unit_to: date | None = None,
    as_of: date = AFTER_ALL,
) -> dict[str, int]:
    period = parse_period(label)
    assert period is not None
    found: list[Requirement] = requirements(rules_for(level, role), period, unit_from, unit_to, as_of)
    return {r.rule.code: r.required_days for r in found}


@pytest.mark.parametrize(
    ("label", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_periods(label: str, start: date, end: date) -> None:
    assert parse_period(label) == Period(label, start, end)


@pytest.mark.parametrize(
    "label", ["26", "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-7", "2026-q3", "0000", ""]
)
def test_invalid_periods(label: str) -> None:
    assert parse_period(label) is None


def test_weeks_belong_to_the_month_of_their_thursday() -> None:
    june = list(slots(Per.WEEK, date(2026, 6, 1), date(2026, 6, 30)))
    assert [s.anchor for s in june] == [date(2026, 6, d) for d in (4, 11, 18, 25)]
    assert (june[0].start, june[0].end) == (date(2026, 6, 1), date(2026, 6, 7))
    # Monday 29 June - Sunday 5 July has its Thursday on 2 July: a July week.
    july = list(slots(Per.WEEK, date(2026, 7, 1), date(2026, 7, 31)))
    assert (july[0].start, july[0].end) == (date(2026, 6, 29), date(2026, 7, 5))
    # 1 January 2026 is a Thursday: the week from Monday 29 December 2025 belongs to 2026.
    year = list(slots(Per.WEEK, date(2026, 1, 1), date(2026, 12, 31)))
    assert year[0].start == date(2025, 12, 29)
    assert len(year) == 53


def test_commune_chairman_weekly_until_june_2026_then_two_days_a_month() -> None:
    chairman = HostRole.PC_CHAIRMAN
    assert owed(Level.COMMUNE, chairman, "2026-06") == {"commune-pc-chairman-weekly": 4}
    assert owed(Level.COMMUNE, chairman, "2026-07") == {"commune-pc-chairman-monthly": 2}
    assert owed(Level.COMMUNE, chairman, "2026-Q2") == {"commune-pc-chairman-weekly": 13}
    assert owed(Level.COMMUNE, chairman, "2026-Q3") == {"commune-pc-chairman-monthly": 6}
    # Spanning the change: the old rule before 1 July, the new one after, nothing counted twice.
    assert owed(Level.COMMUNE, chairman, "2026") == {
        "commune-pc-chairman-weekly": 26,
        "commune-pc-chairman-monthly": 12,
    }
    # A month with five Thursdays owes five weekly days.
    assert owed(Level.COMMUNE, chairman, "2026-01") == {"commune-pc-chairman-weekly": 5}


def test_months_add_up_to_the_year() -> None:
    for level, role in {(r.level, r.host_role) for r in RULES}:
        for year in ("2025", "2026"):
            months = [owed(level, role, f"{year}-{m:02d}") for m in range(1, 13)]
            quarters = [owed(level, role, f"{year}-Q{q}") for q in range(1, 5)]
            whole = sum(owed(level, role, year).values())
            assert sum(sum(m.values()) for m in months) == whole
            assert sum(sum(q.values()) for q in quarters) == whole


def test_other_heads() -> None:
    assert owed(Level.PROVINCE, HostRole.PC_CHAIRMAN, "2026") == {"province-pc-chairman-monthly": 12}
    assert owed(Level.PROVINCE, HostRole.PARTY_SECRETARY, "2026-Q3") == {
        "province-party-secretary-monthly": 3
    }
    assert owed(Level.COMMUNE, HostRole.PARTY_SECRETARY, "2026") == {"commune-party-secretary-monthly": 24}
    # Deputies and officers have no quota of their own.
    assert owed(Level.COMMUNE, HostRole.PC_VICE_CHAIRMAN, "2026") == {}
    assert owed(Level.COMMUNE, HostRole.OFFICER, "2026") == {}


def test_district_level_ends_on_1_july_2025() -> None:
    assert owed(Level.DISTRICT, HostRole.PC_CHAIRMAN, "2025") == {"district-pc-chairman-monthly": 12}
    assert owed(Level.DISTRICT, HostRole.PARTY_SECRETARY, "2025") == {"district-party-secretary-monthly": 6}
    assert owed(Level.DISTRICT, HostRole.PC_CHAIRMAN, "2026") == {}


def test_the_life_of_the_unit_bounds_what_it_owes() -> None:
    reform = date(2025, 7, 1)
    chairman = HostRole.PC_CHAIRMAN
    # A 2024 commune retired on 1 July 2025 owes the weeks whose Thursday falls before it (to 26 June);
    # the 2025 commune that replaced it owes from the week of Thursday 3 July: every week once.
    legacy = owed(Level.COMMUNE, chairman, "2025", unit_to=reform)
    new = owed(Level.COMMUNE, chairman, "2025", unit_from=reform)
    assert legacy == {"commune-pc-chairman-weekly": 26}
    assert new == {"commune-pc-chairman-weekly": 26}
    assert len(list(slots(Per.WEEK, date(2025, 1, 1), date(2025, 12, 31)))) == 52
    # A month is owed when the unit exists on its 15th.
    assert owed(Level.COMMUNE, HostRole.PARTY_SECRETARY, "2026-03", unit_from=date(2026, 3, 16)) == {
        "commune-party-secretary-monthly": 0
    }
    assert owed(Level.COMMUNE, HostRole.PARTY_SECRETARY, "2026-03", unit_from=date(2026, 3, 15)) == {
        "commune-party-secretary-monthly": 2
    }
    # A unit that did not exist in the period owes nothing under any rule.
    assert owed(Level.COMMUNE, HostRole.PARTY_SECRETARY, "2026", unit_to=date(2025, 7, 1)) == {}


def test_a_slot_still_running_is_not_owed_yet() -> None:
    chairman = HostRole.PC_CHAIRMAN
    # Monday 23 November 2026: October has ended, November has not.
    today = date(2026, 11, 23)
    assert owed(Level.COMMUNE, chairman, "2026", as_of=today) == {
        "commune-pc-chairman-weekly": 26,
        "commune-pc-chairman-monthly": 8,
    }
    assert owed(Level.COMMUNE, chairman, "2026-11", as_of=today) == {"commune-pc-chairman-monthly": 0}
    # The week of Thursday 4 June 2026 ends on Sunday 7 June.
    assert owed(Level.COMMUNE, chairman, "2026-06", as_of=date(2026, 6, 7)) == {
        "commune-pc-chairman-weekly": 1
    }
    assert owed(Level.COMMUNE, chairman, "2026-06", as_of=date(2026, 6, 6)) == {
        "commune-pc-chairman-weekly": 0
    }


def test_every_rule_names_its_legal_basis_and_one_rule_applies_at_a_time() -> None:
    ids = [r.code for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.legal_basis and rule.days > 0
        assert rule.valid_to is None or rule.valid_from < rule.valid_to
    for day in (date(2015, 1, 1), date(2020, 1, 1), date(2025, 6, 30), date(2025, 7, 1), date(2026, 7, 1)):
        for level in Level:
            for role in HostRole:
                assert sum(r.in_force(day) for r in rules_for(level, role)) <= 1
