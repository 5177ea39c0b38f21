"""The inspections part of the demo dataset: loaded through the services on the official units,
labelled, in the states the screens show, and loaded once."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.inspections import demo
from api.inspections.models import (
    InspectionFinding,
    InspectionPlan,
    InspectionRecommendation,
    InspectionRecommendationEvent,
    InspectionRecommendationReport,
    InspectionTeam,
)
from api.units import official
from api.units.demo import DEMO_SOURCE

TODAY = date(2026, 11, 20)


async def test_demo_inspections(session: AsyncSession) -> None:
    await official.load(session, "2025", "04")
    assert await demo.load(session, TODAY) == 5
    plans = list(await session.scalars(select(InspectionPlan)))
    teams = list(
        await session.scalars(
            select(InspectionTeam)
            .options(selectinload(InspectionTeam.targets))
            .order_by(InspectionTeam.planned_start)
            .execution_options(populate_existing=True)
        )
    )
    assert [p.external_source for p in plans] == [DEMO_SOURCE]
    assert all(t.external_source == DEMO_SOURCE and t.title.endswith("(demo)") for t in teams)
    assert [t.status.value for t in teams] == ["closed", "concluded", "in_progress", "planned"]
    closed = teams[0]
    assert (closed.decision_date, closed.actual_start, closed.actual_end) == (
        date(2026, 3, 30),
        date(2026, 4, 6),
        date(2026, 4, 24),
    )
    assert [(t.status.value, t.rating.value if t.rating else None) for t in closed.targets] == [
        ("done", "good"),
        ("done", "fair"),
    ]
    assert closed.conclusion_number == "41/TB-BCĐ"
    assert (closed.conclusion_date, closed.targets[1].conclusion is not None) == (date(2026, 5, 8), True)
    findings = list(await session.scalars(select(InspectionFinding).order_by(InspectionFinding.severity)))
    assert [(f.team_id, f.unit_id, f.severity.value) for f in findings] == [
        (closed.id, closed.targets[0].unit_id, "minor"),
        (closed.id, closed.targets[1].unit_id, "moderate"),
    ]
    assert await demo.load(session, TODAY) == 0


async def test_demo_recommendations(session: AsyncSession) -> None:
    """The closed team's are all verified closed; the concluded team's stand in every other state,
    overdue ones among them, with progress reports and a report sent back."""
    await official.load(session, "2025", "04")
    await demo.load(session, TODAY)
    teams = {
        t.external_id: t
        for t in await session.scalars(
            select(InspectionTeam).where(InspectionTeam.external_source == DEMO_SOURCE)
        )
    }
    rows = list(
        await session.scalars(
            select(InspectionRecommendation)
            .order_by(InspectionRecommendation.external_id)
            .execution_options(populate_existing=True)
        )
    )
    assert all(r.external_source == DEMO_SOURCE and r.content.endswith("(demo)") for r in rows)
    by_team = {
        name: [
            (r.status.value, r.due_on, r.due_on < TODAY and not r.closed) for r in rows if r.team_id == t.id
        ]
        for name, t in teams.items()
    }
    assert by_team["inspection-team-1"] == [
        ("verified_closed", date(2026, 5, 22), False),  # 10 working days after Friday 8 May
        ("verified_closed", date(2026, 5, 29), False),
    ]
    assert by_team["inspection-team-4"] == [
        ("open", date(2026, 10, 16), True),  # 10 working days after Friday 2 October
        ("in_progress", date(2026, 12, 1), False),  # 60 calendar days
        ("reported_done", date(2026, 11, 13), True),
        ("in_progress", date(2026, 11, 30), False),  # reported done, sent back by the province
    ]
    assert [r.finding_id is not None for r in rows[:2]] == [True, True]
    reports = list(await session.scalars(select(InspectionRecommendationReport)))
    assert sorted(r.reported_on for r in reports) == [date(2026, 5, 15), date(2026, 10, 20)]
    rejected = list(
        await session.scalars(
            select(InspectionRecommendationEvent).where(
                InspectionRecommendationEvent.action == "reject_report"
            )
        )
    )
    assert [(e.effective_on, e.actor_type) for e in rejected] == [(date(2026, 11, 4), "system")]


async def test_an_earlier_day_loads_only_what_happened_by_then(session: AsyncSession) -> None:
    await official.load(session, "2025", "04")
    await demo.load(session, date(2026, 4, 10))
    teams = list(
        await session.scalars(
            select(InspectionTeam)
            .options(selectinload(InspectionTeam.targets))
            .order_by(InspectionTeam.planned_start)
            .execution_options(populate_existing=True)
        )
    )
    assert [t.status.value for t in teams] == ["in_progress", "planned", "planned", "planned"]
    # Only the first visit (7-8 April) is over: only it has its finding.
    findings = list(await session.scalars(select(InspectionFinding)))
    assert [(f.unit_id, f.severity.value) for f in findings] == [(teams[0].targets[0].unit_id, "minor")]
    assert list(await session.scalars(select(InspectionRecommendation))) == []
