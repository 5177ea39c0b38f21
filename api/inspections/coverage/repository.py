"""The aggregates of the coverage report, counted in the database and grouped by the child unit a
row belongs to. Units form a materialised path (`/<id>/<id>/`), so the child of the reported unit
that a unit lies under is the path's next segment: `child_key` reads it (the empty string for
the reported unit itself), and no join back to the children is needed.

A recommendation counts in the period its team's conclusion is dated in (its `issued_on`), under its
owner's child.

A **visit** counts when its team was not cancelled, the target's record is `in_progress` or
`done`, and its first day (`visited_from`, else the team's `actual_start`) lies in the period.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    and_,
    cast,
    func,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.core import clock
from api.core.written import written, written_list
from api.inspections.models import (
    InspectionFinding,
    InspectionTarget,
    InspectionTeam,
    InspectionTeamStatus,
    TargetStatus,
)
from api.inspections.models import (
    InspectionRecommendation as Recommendation,
)
from api.inspections.recommendations.repository import overdue
from api.units.models import Unit
from api.units.rules import COMMUNE_LEVEL
from api.units.scope import subtree_bounds

# A path segment: 32 hex digits and a '/'.
_SEGMENT = 32
# What the report names of a unit (`UnitSummary`): columns, not rows turned into objects.
_NAMED = (Unit.id, Unit.code, Unit.name, Unit.kind, Unit.status)


@dataclass(frozen=True)
class Scope:
    """The reported subtree (`path`; None for the whole country) and the period, inclusive."""

    path: str | None
    start: date
    end: date

    @property
    def _offset(self) -> int:
        return len(self.path) if self.path is not None else 1

    def child_key(self, path_column: Any) -> ColumnElement[str]:
        """The hex id of the reported unit's child that a path lies under ('' for the unit itself)."""
        return func.substr(path_column, written(self._offset + 1), written(_SEGMENT))

    def within(self, path: Any = Unit.path) -> ColumnElement[bool]:
        """A unit's `path` lies in the subtree."""
        if self.path is None:
            return true()
        low, high = subtree_bounds(self.path)
        return and_(path >= written(low), path < written(high))

    def existed(self, unit: Any = Unit) -> ColumnElement[bool]:
        """The unit existed on some day of the period (`valid_to` is its first day gone)."""
        return and_(
            or_(unit.valid_from.is_(None), unit.valid_from <= written(self.end)),
            or_(unit.valid_to.is_(None), unit.valid_to > written(self.start)),
        )


def _counted(scope: Scope, visit: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """`visit` (over targets) narrowed to the visits that count, joined to their team."""
    visited_on = func.coalesce(InspectionTarget.visited_from, InspectionTeam.actual_start)
    return visit.join(InspectionTeam, InspectionTeam.id == InspectionTarget.team_id).where(
        InspectionTeam.status != written(InspectionTeamStatus.CANCELLED),
        InspectionTarget.status.in_(written_list((TargetStatus.IN_PROGRESS, TargetStatus.DONE))),
        visited_on.between(written(scope.start), written(scope.end)),
    )


def _visits(scope: Scope) -> CTE:
    """One row per visit counted in the subtree: (target_id, child, kind, unit_id, team_id,
    organiser_path)."""
    organiser = aliased(Unit)
    visit = select(
        InspectionTarget.id.label("target_id"),
        scope.child_key(Unit.path).label("child"),
        Unit.kind.label("kind"),
        Unit.id.label("unit_id"),
        InspectionTarget.team_id.label("team_id"),
        organiser.path.label("organiser_path"),
    ).select_from(InspectionTarget)
    return (
        _counted(scope, visit)
        .join(Unit, Unit.id == InspectionTarget.unit_id)
        .join(organiser, organiser.id == InspectionTeam.organising_unit_id)
        .where(scope.within())
        .cte("visits")
    )


def _part(
    name: str,
    child: Any,
    counts: Sequence[Any],
    key: Any = None,
    detail: Any = None,
) -> list[ColumnElement[Any]]:
    """The columns of one part of `figures`: (part, child, key, detail, n1, n2, n3), unused ones NULL."""

    # Typed NULLs: PostgreSQL types a union's column from its first part.
    texts = [cast(value if value is not None else null(), String) for value in (child, key, detail)]
    numbers = [*counts, *(cast(null(), Integer) for _ in range(3 - len(counts)))]
    return [written(name), *texts, *numbers]


class CoverageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, stmt: Select[*tuple[Any, ...]] | CompoundSelect[*tuple[Any, ...]]) -> Sequence[Any]:
        """The rows of `stmt`, which selects columns only, run on the session's connection without
        the ORM's result handling (made for rows that become objects)."""
        connection = await self.session.connection()
        rows: Sequence[Any] = (await connection.execute(stmt)).all()
        return rows

    async def children(self, scope: Scope, parent_id: uuid.UUID | None) -> Sequence[Any]:
        """The rows: the reported unit's children (the provinces for the country) that existed
        during the period, by code, with what a row names of them (`_NAMED`)."""
        parent = Unit.parent_id == parent_id if parent_id is not None else Unit.parent_id.is_(None)
        stmt = select(*_NAMED).where(parent, scope.existed()).order_by(Unit.code, Unit.id)
        return await self._rows(stmt)

    async def figures(self, scope: Scope) -> Sequence[Any]:
        """Every count of the report in one statement, grouped in the database: rows of
        (part, child, key, detail, n1, n2, n3), where `part` says what the row counts —

        - `units`: (child, kind) → units of the subtree that existed in the period;
        - `inspected`: (child, kind) → distinct units visited;
        - `visits`: child → visits, distinct teams visiting;
        - `teams`: distinct teams visiting the whole subtree (not a sum: a team visiting two
          children is one);
        - `organised`: the organiser's child → distinct teams it organised that visited the subtree;
        - `findings`: (child, topic, severity) → findings about counted visits;
        - `recommendations`: child of the owner → issued in the period, closed, overdue today (a
          recommendation counts in the period its team's conclusion is dated in, `issued_on`).

        The join of targets, teams and units runs once (a CTE), and only the groups travel: the
        visits of a province are thousands of rows, their groups a few hundred."""
        visits = _visits(scope)
        child = scope.child_key(Unit.path)
        organiser_child = scope.child_key(visits.c.organiser_path)
        recommendation_owner = Unit.id == Recommendation.owner_unit_id
        parts = [
            select(*_part("units", child, [func.count()], Unit.kind))
            .where(scope.within(), scope.existed())
            .group_by(child, Unit.kind),
            select(
                *_part("inspected", visits.c.child, [func.count(visits.c.unit_id.distinct())], visits.c.kind)
            ).group_by(visits.c.child, visits.c.kind),
            select(
                *_part("visits", visits.c.child, [func.count(), func.count(visits.c.team_id.distinct())])
            ).group_by(visits.c.child),
            select(*_part("teams", None, [func.count(visits.c.team_id.distinct())])),
            select(*_part("organised", organiser_child, [func.count(visits.c.team_id.distinct())]))
            .where(scope.within(visits.c.organiser_path))
            .group_by(organiser_child),
            select(
                *_part(
                    "findings",
                    visits.c.child,
                    [func.count()],
                    InspectionFinding.topic,
                    InspectionFinding.severity,
                )
            )
            .join(InspectionFinding, InspectionFinding.target_id == visits.c.target_id)
            .group_by(visits.c.child, InspectionFinding.topic, InspectionFinding.severity),
            select(
                *_part(
                    "recommendations",
                    child,
                    [
                        func.count(),
                        func.count().filter(Recommendation.closed),
                        func.count().filter(overdue(written(clock.today()))),
                    ],
                )
            )
            .select_from(Unit)
            .join(Recommendation, recommendation_owner)
            .where(scope.within(), Recommendation.issued_on.between(written(scope.start), written(scope.end)))
            .group_by(child),
        ]
        return await self._rows(union_all(*parts))

    async def never_inspected(self, scope: Scope) -> Sequence[Any]:
        """(child, then `_NAMED`) for the commune-level units of the subtree that existed during
        the period and no counted visit reached, by code."""
        visited = _counted(scope, select(InspectionTarget.id)).where(InspectionTarget.unit_id == Unit.id)
        stmt = (
            select(scope.child_key(Unit.path).label("child"), *_NAMED)
            .where(
                scope.within(),
                scope.existed(),
                Unit.kind.in_(written_list(COMMUNE_LEVEL)),
                ~visited.exists(),
            )
            .order_by(Unit.code, Unit.id)
        )
        return await self._rows(stmt)
