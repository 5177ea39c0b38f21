"""The coverage report against a dataset counted by hand: the teams that ran and came, visits,
distinct units and the share of each kind, findings by topic and severity, and the communes
never visited — per child unit and in total, for a province, a commune and the country."""

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.inspections.models import (
    FindingSeverity,
    InspectionFinding,
    InspectionRecommendation,
    InspectionRecommendationStatus,
    InspectionTeam,
    InspectionTeamStatus,
    TargetStatus,
)
from api.units.models import Unit
from tests.factories import create_team, create_unit
from tests.inspections.conftest import SignIn

COVERAGE = "/api/v1/inspections/coverage"


async def _visit(
    session: AsyncSession,
    team: InspectionTeam,
    unit: Unit,
    status: TargetStatus,
    on: date | None,
    findings: list[tuple[str, FindingSeverity]] = (),  # type: ignore[assignment]
) -> None:
    target = next(t for t in team.targets if t.unit_id == unit.id)
    target.status, target.visited_from = status, on
    for topic, severity in findings:
        session.add(
            InspectionFinding(
                id=uuid.uuid4(),
                team_id=team.id,
                target_id=target.id,
                unit_id=unit.id,
                topic=topic,
                description="Ghi nhận của đoàn",
                severity=severity,
                petition_ids=[],
            )
        )


async def world(session: AsyncSession, tree: dict[str, Unit]) -> dict[str, Any]:
    """Six teams; what each one counts for is said beside it."""
    p, w, c, va, vb = (tree[k] for k in ("province", "ward", "commune", "village_a", "village_b"))
    gone = await create_unit(session, name="Xóm Cũ", kind="village", parent_id=c.id)
    gone.valid_to = date(2025, 6, 1)  # merged away before 2026: a 2025 unit only
    minor, moderate, serious = FindingSeverity.MINOR, FindingSeverity.MODERATE, FindingSeverity.SERIOUS
    # T1, the province's: the ward (done, two findings) and the commune (in progress, one).
    t1 = await create_team(session, p, [w, c])
    t1.status = InspectionTeamStatus.IN_PROGRESS
    await _visit(
        session,
        t1,
        w,
        TargetStatus.DONE,
        date(2026, 3, 10),
        [("publicity_of_information", minor), ("publicity_of_information", serious)],
    )
    await _visit(
        session, t1, c, TargetStatus.IN_PROGRESS, date(2026, 3, 12), [("village_conventions", moderate)]
    )
    # T2, the commune's own: village A visited (a finding); village B only planned (its finding is not counted).
    t2 = await create_team(session, c, [va, vb])
    t2.status = InspectionTeamStatus.IN_PROGRESS
    await _visit(session, t2, va, TargetStatus.DONE, date(2026, 5, 2), [("village_conventions", minor)])
    await _visit(session, t2, vb, TargetStatus.PLANNED, None, [("people_supervise", serious)])
    # T3: cancelled, so nothing of it counts.
    t3 = await create_team(session, p, [c])
    t3.status = InspectionTeamStatus.CANCELLED
    await _visit(session, t3, c, TargetStatus.DONE, date(2026, 4, 1), [("people_supervise", serious)])
    # T4: visited the ward in December 2025.
    t4 = await create_team(session, p, [w])
    t4.status = InspectionTeamStatus.CLOSED
    await _visit(session, t4, w, TargetStatus.DONE, date(2025, 12, 20))
    # T5: the other province's; never in this province's report.
    t5 = await create_team(session, tree["other"], [tree["other_commune"]])
    t5.status = InspectionTeamStatus.IN_PROGRESS
    await _visit(session, t5, tree["other_commune"], TargetStatus.DONE, date(2026, 6, 1))
    # T6: no visit date on the target; the team's actual start (October 2026) dates it.
    t6 = await create_team(session, p, [c])
    t6.status, t6.actual_start = InspectionTeamStatus.REPORTED, date(2026, 10, 5)
    await _visit(session, t6, c, TargetStatus.DONE, None)
    # Recommendations: T1's conclusion (April 2026) asks the ward one thing (verified) and the
    # commune two (one due in May, so overdue on 26 November; one due at the end of the year);
    # T4's (December 2025) asks the ward one thing, overdue since January.
    t1.conclusion_date, t4.conclusion_date = date(2026, 4, 1), date(2025, 12, 30)
    rs = InspectionRecommendationStatus
    for team, owner, due, status in (
        (t1, w, date(2026, 5, 1), rs.VERIFIED_CLOSED),
        (t1, c, date(2026, 5, 1), rs.OPEN),
        (t1, c, date(2026, 12, 31), rs.IN_PROGRESS),
        (t4, w, date(2026, 1, 30), rs.OPEN),
    ):
        session.add(
            InspectionRecommendation(
                id=uuid.uuid4(),
                team_id=team.id,
                owner_unit_id=owner.id,
                content="Niêm yết công khai đầy đủ",
                issued_on=team.conclusion_date,
                due_on=due,
                status=status,
                closed=status == rs.VERIFIED_CLOSED,
            )
        )
    await session.flush()
    return {"gone": gone}


def _kinds(figures: dict[str, Any]) -> dict[str, tuple[int, int, float | None]]:
    return {k["kind"]: (k["units"], k["inspected"], k["share"]) for k in figures["by_kind"]}


def _findings(figures: dict[str, Any]) -> tuple[int, dict[str, int], dict[str, int]]:
    f = figures["findings"]
    return (
        f["total"],
        {t["topic"]: t["findings"] for t in f["by_topic"]},
        {s["severity"]: s["findings"] for s in f["by_severity"]},
    )


def _recommendations(figures: dict[str, Any]) -> tuple[int, int, int]:
    r = figures["recommendations"]
    return r["issued"], r["closed"], r["overdue"]


def _counts(figures: dict[str, Any]) -> tuple[int, int, int, int, int]:
    keys = ("teams_organised", "teams_visiting", "visits", "units_inspected", "never_inspected")
    return tuple(figures[k] for k in keys)


async def test_a_province_year_counted_by_hand(
    session: AsyncSession, tree: dict[str, Unit], signed_in: SignIn
) -> None:
    await world(session, tree)
    async with signed_in(tree["province"]) as client:
        response = await client.get(COVERAGE, params={"from": "2026-01-01", "to": "2026-12-31"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["period"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert report["within_unit"]["id"] == str(tree["province"].id)
    rows = {row["unit"]["id"]: row for row in report["items"]}
    assert set(rows) == {str(tree["ward"].id), str(tree["commune"].id)}
    assert [r["unit"]["code"] for r in report["items"]] == sorted(r["unit"]["code"] for r in report["items"])

    ward = rows[str(tree["ward"].id)]
    # organised 0; visited by T1 only (T4's visit is 2025); one visit; the ward itself.
    assert _counts(ward) == (0, 1, 1, 1, 0)
    assert _kinds(ward) == {"ward": (1, 1, 1.0)}
    assert _findings(ward) == (
        2,
        {"publicity_of_information": 2},
        {"minor": 1, "moderate": 0, "serious": 1},
    )

    commune = rows[str(tree["commune"].id)]
    # organised: T2; visiting: T1, T2, T6 (T3 cancelled); visits: T1→commune, T2→village A,
    # T6→commune; distinct units: the commune and village A; the commune was visited.
    assert _counts(commune) == (1, 3, 3, 2, 0)
    # The village merged away in 2025 is not a 2026 unit.
    assert _kinds(commune) == {"commune": (1, 1, 1.0), "village": (2, 1, 0.5)}
    assert _findings(commune) == (
        2,
        {"village_conventions": 2},
        {"minor": 1, "moderate": 1, "serious": 0},
    )

    totals = report["totals"]
    # organised: T1, T6 (province) and T2; distinct teams visiting: T1, T2, T6.
    assert _counts(totals) == (3, 3, 4, 3, 0)
    assert _kinds(totals) == {
        "province": (1, 0, 0.0),
        "ward": (1, 1, 1.0),
        "commune": (1, 1, 1.0),
        "village": (2, 1, 0.5),
    }
    assert _findings(totals)[0] == 4
    assert report["never_inspected_units"] == []
    # Issued in 2026: T1's three; the ward's is verified, one of the commune's is overdue.
    assert _recommendations(ward) == (1, 1, 0)
    assert _recommendations(commune) == (2, 0, 1)
    assert _recommendations(totals) == (3, 1, 1)


async def test_the_year_before_counts_its_own_visits_and_units(
    session: AsyncSession, tree: dict[str, Unit], signed_in: SignIn
) -> None:
    made = await world(session, tree)
    async with signed_in(tree["province"]) as client:
        report = (await client.get(COVERAGE, params={"from": "2025-01-01", "to": "2025-12-31"})).json()
    rows = {row["unit"]["id"]: row for row in report["items"]}
    # Only T4's December visit to the ward; T4 is the province's own team.
    assert _counts(rows[str(tree["ward"].id)]) == (0, 1, 1, 1, 0)
    assert _counts(rows[str(tree["commune"].id)]) == (0, 0, 0, 0, 1)
    # In 2025 the merged village still existed: three villages, none visited.
    assert _kinds(rows[str(tree["commune"].id)]) == {"commune": (1, 0, 0.0), "village": (3, 0, 0.0)}
    assert _counts(report["totals"]) == (1, 1, 1, 1, 1)
    assert [u["id"] for u in report["never_inspected_units"]] == [str(tree["commune"].id)]
    # T4's recommendation to the ward, issued in December 2025, is overdue today.
    assert _recommendations(rows[str(tree["ward"].id)]) == (1, 0, 1)
    assert _recommendations(report["totals"]) == (1, 0, 1)
    assert str(made["gone"].id) not in [u["id"] for u in report["never_inspected_units"]]


async def test_the_period_defaults_to_this_year(
    session: AsyncSession, tree: dict[str, Unit], signed_in: SignIn
) -> None:
    await world(session, tree)
    async with signed_in(tree["province"]) as client:
        whole = (await client.get(COVERAGE)).json()
        from_only = (await client.get(COVERAGE, params={"from": "2026-07-01"})).json()
        to_only = (await client.get(COVERAGE, params={"to": "2026-03-31"})).json()
    assert whole["period"] == {"start": "2026-01-01", "end": "2026-12-31"}
    assert _counts(whole["totals"]) == (3, 3, 4, 3, 0)
    # From July: only T6's October visit to the commune; the ward, visited in March, was not.
    assert from_only["period"] == {"start": "2026-07-01", "end": "2026-12-31"}
    assert _counts(from_only["totals"]) == (1, 1, 1, 1, 1)
    assert [u["id"] for u in from_only["never_inspected_units"]] == [str(tree["ward"].id)]
    # To March: T1's two visits.
    assert to_only["period"] == {"start": "2026-01-01", "end": "2026-03-31"}
    assert _counts(to_only["totals"]) == (1, 1, 2, 2, 0)


async def test_a_commune_sees_the_teams_that_came_and_nothing_of_the_other_units(
    session: AsyncSession, tree: dict[str, Unit], signed_in: SignIn
) -> None:
    await world(session, tree)
    async with signed_in(tree["commune"]) as client:
        response = await client.get(COVERAGE, params={"from": "2026-01-01", "to": "2026-12-31"})
        outside = await client.get(COVERAGE, params={"within_unit_id": str(tree["province"].id)})
    report = response.json()
    assert report["within_unit"]["id"] == str(tree["commune"].id)
    rows = {row["unit"]["id"]: row for row in report["items"]}
    assert set(rows) == {str(tree["village_a"].id), str(tree["village_b"].id)}
    assert _counts(rows[str(tree["village_a"].id)]) == (0, 1, 1, 1, 0)
    assert _kinds(rows[str(tree["village_b"].id)]) == {"village": (1, 0, 0.0)}
    # The commune itself: T1 and T6 came, T2 is its own.
    assert _counts(report["totals"]) == (1, 3, 3, 2, 0)
    assert str(tree["ward"].id) not in response.text
    # Only what was asked of the commune itself.
    assert _recommendations(report["totals"]) == (2, 0, 1)
    assert outside.status_code == 404
    assert outside.json()["code"] == "unit_not_found"


async def test_the_country_is_reported_by_province(
    session: AsyncSession, tree: dict[str, Unit], signed_in: SignIn
) -> None:
    await world(session, tree)
    async with signed_in(None) as client:
        report = (await client.get(COVERAGE, params={"from": "2026-01-01", "to": "2026-12-31"})).json()
    assert report["within_unit"] is None
    rows = {row["unit"]["id"]: row for row in report["items"]}
    assert _counts(rows[str(tree["province"].id)]) == (3, 3, 4, 3, 0)
    # T5 visited the other province's commune.
    assert _counts(rows[str(tree["other"].id)]) == (1, 1, 1, 1, 0)


async def test_a_period_ending_before_it_starts_is_refused(tree: dict[str, Unit], signed_in: SignIn) -> None:
    async with signed_in(tree["province"]) as client:
        response = await client.get(COVERAGE, params={"from": "2026-05-01", "to": "2026-04-30"})
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "invalid_period"
    assert problem["errors"][0]["field"] == "to"
