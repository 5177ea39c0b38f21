"""The inspections part of the demo dataset: loaded through the services on the official units,
labelled, in the states the screens show, and loaded once."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.inspections import demo
from api.inspections.models import InspectionFinding, InspectionPlan, InspectionTeam
from api.units import official
from api.units.demo import DEMO_SOURCE

TODAY = date(2026, 11, 20)


async def test_demo_inspections(session: AsyncSession) -> None:
    await official.load(session, "2025", "04")
    assert await demo.load(session, TODAY) == 4
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
    assert [t.status.value for t in teams] == ["closed", "in_progress", "planned"]
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
    assert [t.status.value for t in teams] == ["in_progress", "planned", "planned"]
    # Only the first visit (7-8 April) is over: only it has its finding.
    findings = list(await session.scalars(select(InspectionFinding)))
    assert [(f.unit_id, f.severity.value) for f in findings] == [(teams[0].targets[0].unit_id, "minor")]
