"""Every query on units and reorganizations goes through here, inside the principal's jurisdiction."""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, Select, and_, exists, func, literal, or_, select, update
from sqlalchemy.orm import aliased

from api.core.external_ref import filter_external_ref
from api.core.text import escape_like, search_terms
from api.units.models import LineageEdge, Reorganization, Unit, UnitStatus
from api.units.schemas import REORGANIZATION_SORTING, SORTING
from api.units.scope import (
    UnitFilteredRepository,
    in_subtree,
    subtree_bounds,
    units_visible,
)

if TYPE_CHECKING:
    from api.units.schemas import ReorganizationListQuery, UnitListQuery


# The columns of a tree node, with whether it has children: read as rows, not as whole units.
TREE_COLUMNS = (Unit.id, Unit.code, Unit.name, Unit.kind, Unit.status, Unit.parent_id)
# A unit's children, aliased once (aliasing builds the table's column collection anew each time).
_CHILD = aliased(Unit, name="child")


class UnitRepository(UnitFilteredRepository[Unit, "UnitListQuery"]):
    model = Unit
    sorting = SORTING
    not_found_code = "unit_not_found"
    noun = "Unit"

    def scope(self, stmt: Select[Any]) -> Select[Any]:
        return stmt.where(units_visible(self.jurisdiction))

    def filter(self, stmt: Select[Any], query: "UnitListQuery", named: Mapping[str, Any]) -> Select[Any]:
        if query.kind:
            stmt = stmt.where(Unit.kind.in_(list(query.kind)))
        if query.parent_id is not None:
            stmt = stmt.where(Unit.parent_id == query.parent_id)
        if "within_unit_id" in named:
            stmt = stmt.where(in_subtree(named["within_unit_id"].path))
        if query.code is not None:
            stmt = stmt.where(Unit.code == query.code)
        stmt = filter_external_ref(stmt, Unit, query)
        if query.q:
            for term in search_terms(query.q):
                stmt = stmt.where(Unit.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        return self.alive(stmt, query.as_of, query.include_retired)

    @staticmethod
    def alive(stmt: Select[Any], as_of: date | None, include_retired: bool) -> Select[Any]:
        if as_of is not None:
            return stmt.where(
                or_(Unit.valid_from.is_(None), Unit.valid_from <= as_of),
                or_(Unit.valid_to.is_(None), Unit.valid_to > as_of),
            )
        return stmt if include_retired else stmt.where(Unit.status == UnitStatus.ACTIVE)

    async def listed(self, query: "UnitListQuery", named: Mapping[str, Any]) -> tuple[Select[Any], Any]:
        """A subtree is read through a materialised CTE: the path index finds the subtree (at most a
        province, a few thousand rows) and the page is sorted from it. Left to itself PostgreSQL
        walks the whole name index and filters it by path instead, because names correlate with
        regions and fool its estimate; that costs ~10x and grows with the page's depth."""
        stmt, entity = await super().listed(query, named)
        if query.within_unit_id is None:
            return stmt, entity
        subtree = stmt.cte("subtree").prefix_with("MATERIALIZED", dialect="postgresql")
        unit = aliased(Unit, subtree)
        return select(unit), unit

    def has_children(self, include_retired: bool) -> ColumnElement[bool]:
        child = _CHILD
        condition = child.parent_id == Unit.id
        if not include_retired:
            condition = and_(condition, child.status == UnitStatus.ACTIVE)
        return exists().where(condition)

    async def tree_nodes(
        self, where: Sequence[ColumnElement[bool]], include_retired: bool, *, named: bool = False
    ) -> list[Row[Any]]:
        """Tree nodes (id, code, name, kind, status, parent_id, has_children) of the visible units
        matching `where`, in name order; a unit asked for by name (`named`) shows even when retired."""
        columns: tuple[Any, ...] = (*TREE_COLUMNS, self.has_children(include_retired).label("has_children"))
        stmt = self.scope(select(*columns))
        if not named:
            stmt = self.alive(stmt, None, include_retired)
        rows = await self.session.execute(stmt.where(*where).order_by(Unit.name_key, Unit.id))
        return list(rows)

    # Uniqueness and reference checks below look past the jurisdiction on purpose: a code or an
    # external reference is unique across the country, whoever holds it.
    async def code_taken(self, family: str, code: str, except_id: uuid.UUID | None) -> bool:
        stmt = select(Unit.id).where(
            Unit.code_family == family, Unit.code == code, Unit.status == UnitStatus.ACTIVE
        )
        if except_id is not None:
            stmt = stmt.where(Unit.id != except_id)
        return (await self.session.scalar(stmt.limit(1))) is not None

    async def live_with_code(self, code: str, families: Iterable[str] | None = None) -> list[Unit]:
        """The live units of this code in the jurisdiction (of these code families, if given):
        how an import names a unit and its parent."""
        stmt = self.select().where(Unit.code == code, Unit.status == UnitStatus.ACTIVE)
        if families is not None:
            stmt = stmt.where(Unit.code_family.in_(list(families)))
        return list(await self.session.scalars(stmt.order_by(Unit.depth)))

    async def live_with_codes(self, codes: Iterable[str]) -> dict[str, list[Unit]]:
        """`live_with_code` for many codes in one statement (an import's batch), by code."""
        found: dict[str, list[Unit]] = {code: [] for code in codes}
        if found:
            stmt = self.select().where(Unit.code.in_(list(found)), Unit.status == UnitStatus.ACTIVE)
            for unit in await self.session.scalars(stmt.order_by(Unit.depth)):
                found[unit.code].append(unit)
        return found

    async def active_children(self, parent_ids: Iterable[uuid.UUID]) -> list[Unit]:
        ids = list(parent_ids)
        if not ids:
            return []
        rows = await self.session.scalars(
            self.select().where(Unit.parent_id.in_(ids), Unit.status == UnitStatus.ACTIVE)
        )
        return list(rows)

    async def any_child(self, unit_id: uuid.UUID) -> bool:
        return (
            await self.session.scalar(select(Unit.id).where(Unit.parent_id == unit_id).limit(1))
        ) is not None

    async def in_lineage(self, unit_id: uuid.UUID) -> bool:
        stmt = select(LineageEdge.reorganization_id).where(
            or_(LineageEdge.predecessor_id == unit_id, LineageEdge.successor_id == unit_id)
        )
        return (await self.session.scalar(stmt.limit(1))) is not None

    async def rewrite_descendant_paths(self, old_path: str, new_path: str, depth_delta: int) -> None:
        """Re-root every unit strictly below `old_path` at `new_path`, bumping their versions (ETags).

        The unit itself is left to the ORM, whose version check guards it against a racing write."""
        low, high = subtree_bounds(old_path)
        await self.session.execute(
            update(Unit)
            .where(Unit.path > low, Unit.path < high)
            .values(
                path=literal(new_path) + func.substr(Unit.path, len(old_path) + 1),
                depth=Unit.depth + depth_delta,
                version=Unit.version + 1,
            )
            .execution_options(synchronize_session=False)
        )

    async def lineage_step(
        self, frontier: set[uuid.UUID], backwards: bool
    ) -> list[tuple[uuid.UUID, uuid.UUID, Reorganization]]:
        """Edges one step from `frontier`: (from, to, reorganization), ignoring self-links."""
        near, far = (
            (LineageEdge.successor_id, LineageEdge.predecessor_id)
            if backwards
            else (LineageEdge.predecessor_id, LineageEdge.successor_id)
        )
        rows = await self.session.execute(
            select(near, far, Reorganization)
            .join(Reorganization, Reorganization.id == LineageEdge.reorganization_id)
            .where(near.in_(frontier), near != far)
            .order_by(Reorganization.effective_date)
        )
        return [(a, b, r) for a, b, r in rows]

    async def reorganizations_of(self, unit_id: uuid.UUID) -> list[Reorganization]:
        ids = select(LineageEdge.reorganization_id).where(
            or_(LineageEdge.predecessor_id == unit_id, LineageEdge.successor_id == unit_id)
        )
        rows = await self.session.scalars(
            select(Reorganization).where(Reorganization.id.in_(ids)).order_by(Reorganization.effective_date)
        )
        return list(rows)


def _touching(unit_path: str) -> ColumnElement[bool]:
    touched = (
        select(LineageEdge.reorganization_id)
        .join(Unit, or_(Unit.id == LineageEdge.predecessor_id, Unit.id == LineageEdge.successor_id))
        .where(in_subtree(unit_path))
    )
    return Reorganization.id.in_(touched)


class ReorganizationRepository(UnitFilteredRepository[Reorganization, "ReorganizationListQuery"]):
    """Reorganizations that touched a unit of the jurisdiction."""

    model = Reorganization
    sorting = REORGANIZATION_SORTING
    not_found_code = "reorganization_not_found"
    noun = "Reorganization"

    def scope(self, stmt: Select[Any]) -> Select[Any]:
        path = self.jurisdiction.unit_path
        return stmt if path is None else stmt.where(_touching(path))

    def filter(
        self, stmt: Select[Any], query: "ReorganizationListQuery", named: Mapping[str, Any]
    ) -> Select[Any]:
        if "within_unit_id" in named:
            stmt = stmt.where(_touching(named["within_unit_id"].path))
        if query.effective_from is not None:
            stmt = stmt.where(Reorganization.effective_date >= query.effective_from)
        if query.effective_to is not None:
            stmt = stmt.where(Reorganization.effective_date <= query.effective_to)
        return stmt

    async def edges_of(self, reorganization_ids: Sequence[uuid.UUID]) -> list[LineageEdge]:
        if not reorganization_ids:
            return []
        rows = await self.session.scalars(
            select(LineageEdge).where(LineageEdge.reorganization_id.in_(list(reorganization_ids)))
        )
        return list(rows)
