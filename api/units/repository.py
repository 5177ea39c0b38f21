"""Every query on units goes through here.

`UnitRepository.select()` is the one base query that lists and gets start from; jurisdiction
scoping (the principal's subtree) attaches to it, so no endpoint can forget it.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.core.errors import NotFound
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import CursorCodec, PageQuery, SortField, Sorting, paginate
from api.core.text import escape_like, search_terms
from api.units.models import LineageEdge, Reorganization, Unit, UnitKind, UnitStatus

SORTING = Sorting(
    entity=Unit,
    fields={
        "name": SortField("name", "name_key"),
        "code": SortField("code", "code"),
        "kind": SortField("kind", "kind"),
        "depth": SortField("depth", "depth", int),
        "created_at": SortField("created_at", "created_at", datetime),
        "updated_at": SortField("updated_at", "updated_at", datetime),
    },
    default="name",
    tiebreak=SortField("id", "id", uuid.UUID),
)


def path_segment(unit_id: uuid.UUID) -> str:
    return unit_id.hex + "/"


def subtree_bounds(path: str) -> tuple[str, str]:
    """[low, high) of the paths in the subtree rooted at `path` (which ends with '/').

    '0' follows '/' in byte order, so every path that starts with `path` sorts below the
    prefix with its final '/' replaced by '0'.
    """
    return path, path[:-1] + "0"


def in_subtree(path: str) -> ColumnElement[bool]:
    low, high = subtree_bounds(path)
    return and_(Unit.path >= low, Unit.path < high)


def ancestor_ids(path: str) -> list[uuid.UUID]:
    """Ids on the path from the root down to the unit's parent."""
    return [uuid.UUID(hex=part) for part in path.strip("/").split("/")[:-1]]


@dataclass(frozen=True)
class UnitFilter:
    kinds: Sequence[UnitKind] = ()
    parent_id: uuid.UUID | None = None
    roots_only: bool = False
    within_path: str | None = None
    query: str | None = None
    code: str | None = None
    include_retired: bool = False
    as_of: date | None = None
    external_source: str | None = None
    external_id: str | None = None


def in_jurisdiction(jurisdiction: Jurisdiction, unit_id_column: Any) -> ColumnElement[bool]:
    """For other domains' rows that name a unit: that unit lies inside the jurisdiction."""
    if jurisdiction.unit_path is None:
        return true()
    condition: ColumnElement[bool] = unit_id_column.in_(
        select(Unit.id).where(in_subtree(jurisdiction.unit_path))
    )
    return condition


class UnitRepository:
    def __init__(self, session: AsyncSession, jurisdiction: Jurisdiction) -> None:
        self.session = session
        self.jurisdiction = jurisdiction

    def select(self) -> Select[Unit]:
        """Every unit query starts here, inside the principal's jurisdiction."""
        stmt = select(Unit)
        if self.jurisdiction.unit_path is not None:
            stmt = stmt.where(in_subtree(self.jurisdiction.unit_path))
        return stmt

    async def get(self, unit_id: uuid.UUID) -> Unit:
        unit = await self.session.scalar(self.select().where(Unit.id == unit_id))
        if unit is None:
            raise NotFound(f"Unit {unit_id} does not exist.", code="unit_not_found")
        return unit

    async def get_many(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Unit]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self.session.scalars(self.select().where(Unit.id.in_(wanted)))
        return {u.id: u for u in rows}

    def filtered(self, f: UnitFilter) -> Select[Unit]:
        stmt = self.select()
        if f.kinds:
            stmt = stmt.where(Unit.kind.in_(list(f.kinds)))
        if f.parent_id is not None:
            stmt = stmt.where(Unit.parent_id == f.parent_id)
        if f.roots_only:
            stmt = stmt.where(Unit.parent_id.is_(None))
        if f.within_path is not None:
            stmt = stmt.where(in_subtree(f.within_path))
        if f.code is not None:
            stmt = stmt.where(Unit.code == f.code)
        if f.external_source is not None:
            stmt = stmt.where(Unit.external_source == f.external_source)
        if f.external_id is not None:
            stmt = stmt.where(Unit.external_id == f.external_id)
        if f.query:
            for term in search_terms(f.query):
                stmt = stmt.where(Unit.search_text.like(f"%{escape_like(term)}%", escape="\\"))
        if f.as_of is not None:
            stmt = stmt.where(
                or_(Unit.valid_from.is_(None), Unit.valid_from <= f.as_of),
                or_(Unit.valid_to.is_(None), Unit.valid_to > f.as_of),
            )
        elif not f.include_retired:
            stmt = stmt.where(Unit.status == UnitStatus.ACTIVE)
        return stmt

    async def page(self, f: UnitFilter, page: PageQuery, codec: CursorCodec) -> dict[str, Any]:
        """One page of the units matching `f`, in the fields of a `Page`.

        A subtree is read through a materialised CTE: the path index finds the subtree (at most a
        province, a few thousand rows) and the page is sorted from it. Left to itself PostgreSQL
        walks the whole name index and filters it by path instead, because names correlate with
        regions and fool its estimate; that costs ~10x and grows with the page's depth."""
        stmt = self.filtered(f)
        if f.within_path is None:
            return await paginate(self.session, stmt, SORTING, page, codec)
        subtree = stmt.cte("subtree").prefix_with("MATERIALIZED", dialect="postgresql")
        unit = aliased(Unit, subtree)
        return await paginate(self.session, select(unit), SORTING, page, codec, entity=unit)

    def has_children(self, include_retired: bool) -> ColumnElement[bool]:
        child = aliased(Unit)
        condition = child.parent_id == Unit.id
        if not include_retired:
            condition = and_(condition, child.status == UnitStatus.ACTIVE)
        return exists().where(condition)

    async def with_has_children(self, stmt: Select[Unit], include_retired: bool) -> list[tuple[Unit, bool]]:
        rows = await self.session.execute(
            stmt.add_columns(self.has_children(include_retired).label("has_children")).order_by(
                Unit.name_key, Unit.id
            )
        )
        return [(unit, bool(flag)) for unit, flag in rows]

    # Uniqueness and reference checks below look past the jurisdiction on purpose: a code or an
    # external reference is unique across the country, whoever holds it.
    async def code_taken(self, family: str, code: str, except_id: uuid.UUID | None) -> bool:
        stmt = select(Unit.id).where(
            Unit.code_family == family, Unit.code == code, Unit.status == UnitStatus.ACTIVE
        )
        if except_id is not None:
            stmt = stmt.where(Unit.id != except_id)
        return (await self.session.scalar(stmt.limit(1))) is not None

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

    async def edges_of(self, reorganization_ids: Sequence[uuid.UUID]) -> list[LineageEdge]:
        if not reorganization_ids:
            return []
        rows = await self.session.scalars(
            select(LineageEdge).where(LineageEdge.reorganization_id.in_(list(reorganization_ids)))
        )
        return list(rows)

    def _touching(self, unit_path: str) -> ColumnElement[bool]:
        touched = (
            select(LineageEdge.reorganization_id)
            .join(Unit, or_(Unit.id == LineageEdge.predecessor_id, Unit.id == LineageEdge.successor_id))
            .where(in_subtree(unit_path))
        )
        return Reorganization.id.in_(touched)

    def select_reorganizations(self) -> Select[Reorganization]:
        """Reorganizations that touched a unit of the jurisdiction."""
        stmt = select(Reorganization)
        if self.jurisdiction.unit_path is not None:
            stmt = stmt.where(self._touching(self.jurisdiction.unit_path))
        return stmt

    async def get_reorganization(self, reorganization_id: uuid.UUID) -> Reorganization:
        reorg = await self.session.scalar(
            self.select_reorganizations().where(Reorganization.id == reorganization_id)
        )
        if reorg is None:
            raise NotFound(
                f"Reorganization {reorganization_id} does not exist.", code="reorganization_not_found"
            )
        return reorg

    def reorganizations(
        self, unit_path: str | None, since: date | None, until: date | None
    ) -> Select[Reorganization]:
        stmt = self.select_reorganizations()
        if unit_path is not None:
            stmt = stmt.where(self._touching(unit_path))
        if since is not None:
            stmt = stmt.where(Reorganization.effective_date >= since)
        if until is not None:
            stmt = stmt.where(Reorganization.effective_date <= until)
        return stmt
