"""The coverage report: how much of a subtree the inspection teams reached over a period — the
figures an annual review quotes ("131 teams inspected 973 units"). Every figure is counted in
the database (repository.py); this module folds the groups into one row per child unit and the
totals."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.access import Principal
from api.core.errors import invalid_field
from api.inspections.coverage.repository import CoverageRepository, Scope
from api.inspections.coverage.schemas import (
    CoverageQuery,
    CoverageReport,
)
from api.inspections.models import FindingSeverity
from api.units.models import UnitKind
from api.units.repository import UnitRepository
from api.units.scope import resolve_unit_filters

# In the contract's order: kinds as the enum lists them, severities mildest first.
_KINDS = tuple(UnitKind)
_SEVERITIES = tuple(FindingSeverity)


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
    # Recommendations: issued, closed, overdue.
    recommendations: Counter[str] = field(default_factory=Counter)

    def add(self, other: "_Tally") -> None:
        """Sum another tally in, except `teams_visiting`: a team visiting two children is one team."""
        self.units += other.units
        self.inspected += other.inspected
        self.visits += other.visits
        self.teams_organised += other.teams_organised
        self.topics += other.topics
        self.severities += other.severities
        self.never_inspected += other.never_inspected
        self.recommendations += other.recommendations

    def figures(self) -> dict[str, Any]:
        """The `CoverageFigures` fields, as plain data: the report is validated once, as a whole
        (a model per figure cost a province's report 17 ms of CPU)."""
        return {
            "teams_organised": self.teams_organised,
            "teams_visiting": self.teams_visiting,
            "visits": self.visits,
            "units_inspected": sum(self.inspected.values()),
            "by_kind": [
                {
                    "kind": k,
                    "units": self.units[k],
                    "inspected": self.inspected[k],
                    "share": round(self.inspected[k] / self.units[k], 4) if self.units[k] else None,
                }
                for k in _KINDS
                if self.units[k] or self.inspected[k]
            ],
            "findings": {
                "total": sum(self.topics.values()),
                "by_topic": [{"topic": t, "findings": n} for t, n in sorted(self.topics.items())],
                "by_severity": [{"severity": s, "findings": self.severities[s]} for s in _SEVERITIES],
            },
            "recommendations": {k: self.recommendations[k] for k in ("issued", "closed", "overdue")},
            "never_inspected": self.never_inspected,
        }


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
    tallies, never, teams_visiting = await _tallies(repo, scope)
    children = await repo.children(scope, within.id if within is not None else None)
    totals = _Tally()
    for tally in tallies.values():
        totals.add(tally)
    totals.teams_visiting = teams_visiting
    return CoverageReport.model_validate(
        {
            "period": {"start": start, "end": end},
            "within_unit": within,
            "totals": totals.figures(),
            "items": [{"unit": child, **tallies.get(child.id.hex, _Tally()).figures()} for child in children],
            "never_inspected_units": never,
        }
    )


async def _tallies(repo: CoverageRepository, scope: Scope) -> tuple[dict[str, _Tally], list[Any], int]:
    """Every child's counts by child key, the commune-level units never visited, and the distinct
    teams that visited the whole subtree."""
    tallies: defaultdict[str, _Tally] = defaultdict(_Tally)
    teams_visiting = 0
    for part, child, key, detail, n1, n2, n3 in await repo.figures(scope):
        tally = tallies[child]
        match part:
            case "units":
                tally.units[UnitKind(key)] = n1
            case "inspected":
                tally.inspected[UnitKind(key)] = n1
            case "visits":
                tally.visits, tally.teams_visiting = n1, n2
            case "teams":
                teams_visiting = n1
            case "organised":
                tally.teams_organised = n1
            case "findings":
                tally.topics[key] += n1
                tally.severities[FindingSeverity(detail)] += n1
            case "recommendations":
                tally.recommendations.update(issued=n1, closed=n2, overdue=n3)
    tallies.pop(None, None)  # type: ignore[call-overload]  # the `teams` row names no child
    never = list(await repo.never_inspected(scope))
    for unit in never:
        tallies[unit.child].never_inspected += 1
    return tallies, never, teams_visiting
