"""The coverage report: how much of a subtree the inspection teams reached over a period — the
figures an annual review quotes ("131 teams inspected 973 units"). Every figure is counted in
the database (repository.py); this module folds the groups into one row per child unit and the
totals."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.errors import invalid_field
from api.inspections.coverage.repository import CoverageRepository, Scope
from api.inspections.coverage.schemas import (
    CoverageFigures,
    CoveragePeriod,
    CoverageQuery,
    CoverageReport,
    CoverageRow,
    FindingCoverage,
    KindCoverage,
    SeverityCount,
    TopicCount,
)
from api.inspections.models import FindingSeverity
from api.units.models import Unit, UnitKind
from api.units.repository import UnitRepository
from api.units.schemas import UnitSummary
from api.units.scope import resolve_unit_filters


@dataclass
class _Tally:
    """One child's (or the whole subtree's) counts, before they become a `CoverageFigures`."""

    units: Counter[UnitKind] = field(default_factory=Counter)
    inspected: Counter[UnitKind] = field(default_factory=Counter)
    visits: int = 0
    teams_visiting: int = 0
    teams_organised: int = 0
    topics: Counter[str] = field(default_factory=Counter)
    severities: Counter[FindingSeverity] = field(default_factory=Counter)
    never_inspected: int = 0

    def add(self, other: "_Tally") -> None:
        """Sum another tally in, except `teams_visiting`: a team visiting two children is one team."""
        self.units += other.units
        self.inspected += other.inspected
        self.visits += other.visits
        self.teams_organised += other.teams_organised
        self.topics += other.topics
        self.severities += other.severities
        self.never_inspected += other.never_inspected

    def figures(self) -> CoverageFigures:
        kinds = [k for k in UnitKind if self.units[k] or self.inspected[k]]
        return CoverageFigures(
            teams_organised=self.teams_organised,
            teams_visiting=self.teams_visiting,
            visits=self.visits,
            units_inspected=sum(self.inspected.values()),
            by_kind=[
                KindCoverage(
                    kind=k,
                    units=self.units[k],
                    inspected=self.inspected[k],
                    share=round(self.inspected[k] / self.units[k], 4) if self.units[k] else None,
                )
                for k in kinds
            ],
            findings=FindingCoverage(
                total=sum(self.topics.values()),
                by_topic=[TopicCount(topic=t, findings=n) for t, n in sorted(self.topics.items())],
                by_severity=[SeverityCount(severity=s, findings=self.severities[s]) for s in FindingSeverity],
            ),
            never_inspected=self.never_inspected,
        )


def period_of(query: CoverageQuery, today: date) -> tuple[date, date]:
    """The period asked, a missing end completed within the other's calendar year (this year when
    neither is given)."""
    start = query.from_ or date((query.to or today).year, 1, 1)
    end = query.to or date((query.from_ or today).year, 12, 31)
    if end < start:
        raise invalid_field("to", "invalid_period", "The period ends before it starts.", location="query")
    return start, end


async def coverage(session: AsyncSession, principal: Principal, query: CoverageQuery) -> CoverageReport:
    start, end = period_of(query, clock.today())
    within = (await resolve_unit_filters(session, principal.jurisdiction, query)).get("within_unit_id")
    if within is None and principal.unit_id is not None:
        within = await UnitRepository(session, principal).get(principal.unit_id)
    scope = Scope(within.path if within is not None else None, start, end)
    repo = CoverageRepository(session)
    tallies, never = await _tallies(repo, scope)
    children = await repo.children(scope, within.id if within is not None else None)
    totals = _Tally()
    for tally in tallies.values():
        totals.add(tally)
    per_child, totals.teams_visiting = await repo.teams_visiting(scope)
    for child, teams in per_child.items():
        tallies[child].teams_visiting = teams
    return CoverageReport(
        period=CoveragePeriod(start=start, end=end),
        within_unit=UnitSummary.model_validate(within) if within is not None else None,
        totals=totals.figures(),
        items=[_row(child, tallies.get(child.id.hex, _Tally())) for child in children],
        never_inspected_units=[UnitSummary.model_validate(unit) for unit in never],
    )


def _row(child: Unit, tally: _Tally) -> CoverageRow:
    return CoverageRow(unit=UnitSummary.model_validate(child), **tally.figures().model_dump())


async def _tallies(repo: CoverageRepository, scope: Scope) -> tuple[dict[str, _Tally], list[Unit]]:
    """Every group's counts by child key (but the distinct teams visiting: see `coverage`), and
    the commune-level units never visited."""
    tallies: defaultdict[str, _Tally] = defaultdict(_Tally)
    for child, kind, units in await repo.units_by_kind(scope):
        tallies[child].units[kind] += units
    for child, kind, visits, units in await repo.visits_by_kind(scope):
        tallies[child].visits += visits
        tallies[child].inspected[kind] += units
    for child, teams in (await repo.teams_organised(scope)).items():
        tallies[child].teams_organised = teams
    for child, topic, severity, findings in await repo.findings(scope):
        tallies[child].topics[topic] += findings
        tallies[child].severities[severity] += findings
    never = await repo.never_inspected(scope)
    for child, _unit in never:
        tallies[child].never_inspected += 1
    return tallies, [unit for _child, unit in never]
