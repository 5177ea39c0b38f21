"""The aggregates of the coverage report, each one statement grouped by the child unit a row
belongs to. Units form a materialised path (`/<id>/<id>/`), so the child of the reported unit
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

from sqlalchemy import ColumnElement, Select, and_, column, func, literal, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.core import clock
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
from api.units.scope import in_subtree

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
        return func.substr(path_column, self._offset + 1, _SEGMENT)

    def child_of(self, path: str) -> str | None:
        """`child_key` of a path read from a row; None for a path outside the subtree."""
        if self.path is not None and not path.startswith(self.path):
            return None
        return path[self._offset : self._offset + _SEGMENT]

    def within(self, unit: Any = Unit) -> ColumnElement[bool]:
        condition: ColumnElement[bool] = (
            in_subtree(self.path, unit) if self.path is not None else literal(True)
        )
        return condition

    def existed(self, unit: Any = Unit) -> ColumnElement[bool]:
        """The unit existed on some day of the period (`valid_to` is its first day gone)."""
        return and_(
            or_(unit.valid_from.is_(None), unit.valid_from <= self.end),
            or_(unit.valid_to.is_(None), unit.valid_to > self.start),
        )


def _counted_visits(scope: Scope) -> Select[Any]:
    """Targets whose visit counts, joined to their team and visited unit."""
    visited_on = func.coalesce(InspectionTarget.visited_from, InspectionTeam.actual_start)
    return (
        select()
        .select_from(InspectionTarget)
        .join(InspectionTeam, InspectionTeam.id == InspectionTarget.team_id)
        .join(Unit, Unit.id == InspectionTarget.unit_id)
        .where(
            InspectionTeam.status != InspectionTeamStatus.CANCELLED,
            InspectionTarget.status.in_((TargetStatus.IN_PROGRESS, TargetStatus.DONE)),
            visited_on.between(scope.start, scope.end),
            scope.within(),
        )
    )


class CoverageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, stmt: Select[*tuple[Any, ...]]) -> Sequence[Any]:
        """The rows of `stmt`, which selects columns only, with every value written into it.

        Bound, the values let PostgreSQL switch a connection to its generic plan from its sixth
        report on, which read a province's visits three times slower (80 → 190-300 ms): a report is
        rare and its statements few, so each is planned for its own subtree and period. Run on the
        session's connection, without the ORM's result handling (made for rows that become
        objects: a fifth of the report's CPU for its 4,000 visit rows)."""
        connection = await self.session.connection()
        sql = stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
        # Typed by position, as plain columns (the selected expressions would bring their binds).
        written = text(str(sql)).columns(
            *(column(f"c{i}", c.type) for i, c in enumerate(stmt.selected_columns))
        )
        rows: Sequence[Any] = (await connection.execute(written)).all()
        return rows

    async def children(self, scope: Scope, parent_id: uuid.UUID | None) -> Sequence[Any]:
        """The rows: the reported unit's children (the provinces for the country) that existed
        during the period, by code, with what a row names of them (`_NAMED`)."""
        parent = Unit.parent_id == parent_id if parent_id is not None else Unit.parent_id.is_(None)
        stmt = select(*_NAMED).where(parent, scope.existed()).order_by(Unit.code, Unit.id)
        return await self._rows(stmt)

    async def units_by_kind(self, scope: Scope) -> Sequence[Any]:
        """(child, kind, units) for the units of the subtree that existed in the period."""
        key = scope.child_key(Unit.path)
        stmt = (
            select(key.label("child"), Unit.kind, func.count())
            .where(scope.within(), scope.existed())
            .group_by(key, Unit.kind)
        )
        return await self._rows(stmt)

    async def visits(self, scope: Scope) -> Sequence[Any]:
        """One row per visit counted and finding about it (one row with no finding for a visit
        without any): (target id, child, kind, unit id, team id, organiser's path, topic,
        severity). Every figure about visits, teams, units visited and findings is counted from
        these rows (service.py), so the join of targets, teams and units runs once."""
        organiser = aliased(Unit)
        stmt = (
            _counted_visits(scope)
            .join(organiser, organiser.id == InspectionTeam.organising_unit_id)
            .outerjoin(InspectionFinding, InspectionFinding.target_id == InspectionTarget.id)
            .add_columns(
                InspectionTarget.id,
                scope.child_key(Unit.path),
                Unit.kind,
                Unit.id,
                InspectionTeam.id,
                organiser.path,
                InspectionFinding.topic,
                InspectionFinding.severity,
            )
        )
        return await self._rows(stmt)

    async def recommendations(self, scope: Scope) -> Sequence[Any]:
        """(child, issued, closed, overdue) of the recommendations issued in the period (their
        team's conclusion is dated in it) to owners of the subtree; overdue as of today. Read from
        the subtree's units through each owner's index on `issued_on`, never the whole table."""
        key = scope.child_key(Unit.path)
        stmt = (
            select(
                key,
                func.count(),
                func.count().filter(Recommendation.closed),
                func.count().filter(overdue(clock.today())),
            )
            .select_from(Unit)
            .join(Recommendation, Recommendation.owner_unit_id == Unit.id)
            .where(scope.within(), Recommendation.issued_on.between(scope.start, scope.end))
            .group_by(key)
        )
        return await self._rows(stmt)

    async def commune_level(self, scope: Scope) -> Sequence[Any]:
        """(child, then `_NAMED`) for the commune-level units of the subtree that existed during
        the period, by code: those no visit reached were never inspected."""
        stmt = (
            select(scope.child_key(Unit.path).label("child"), *_NAMED)
            .where(scope.within(), scope.existed(), Unit.kind.in_(sorted(COMMUNE_LEVEL)))
            .order_by(Unit.code, Unit.id)
        )
        return await self._rows(stmt)
