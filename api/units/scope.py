"""Jurisdiction by units: the one public home of scoping, which every domain imports from here.

A principal sees the subtree of its unit (nationwide: everything). Units form a materialised
path (`/<id>/<id>/`, see models.py), so a subtree is one index range. Other domains' rows are
visible through the units they name: a repository lists those columns (`UnitScopedRepository`).
List filters that name a unit are typed `UnitFilter`; every one is resolved the same way, inside
the jurisdiction, and a unit outside it is a 404 `unit_not_found` whichever filter names it; a
unit an input names (a body's `unit_id`) is looked up the same way, and one outside the
jurisdiction is a 422 `unit_not_found` on that field (`units_in_jurisdiction`).
"""

import uuid
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, ClassVar

from sqlalchemy import ColumnElement, Select, and_, any_, func, or_, select, true
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from api.core.errors import NotFound, invalid_field
from api.core.jurisdiction import Jurisdiction
from api.core.pagination import PageQuery
from api.core.repository import M, Q, Repository
from api.core.shared_cache import cache_of, cached, detached_copy
from api.core.written import written, written_list
from api.units.models import Unit, unit_key
from api.units.rules import VILLAGE_LEVEL


def path_segment(unit_id: uuid.UUID) -> str:
    return unit_id.hex + "/"


def subtree_bounds(path: str) -> tuple[str, str]:
    """[low, high) of the paths in the subtree rooted at `path` (which ends with '/').

    '0' follows '/' in byte order, so every path that starts with `path` sorts below the
    prefix with its final '/' replaced by '0'."""
    return path, path[:-1] + "0"


def in_subtree(path: str, unit: Any = Unit) -> ColumnElement[bool]:
    """`unit` (the units table, or an alias of it) lies in the subtree rooted at `path`."""
    low, high = subtree_bounds(path)
    return and_(unit.path >= low, unit.path < high)


def ancestor_ids(path: str) -> list[uuid.UUID]:
    """Ids on the path from the root down to the unit's parent."""
    return [uuid.UUID(hex=part) for part in path.strip("/").split("/")[:-1]]


def units_visible(jurisdiction: Jurisdiction) -> ColumnElement[bool]:
    """The units a jurisdiction sees: its subtree."""
    return true() if jurisdiction.unit_path is None else in_subtree(jurisdiction.unit_path)


def in_jurisdiction(jurisdiction: Jurisdiction, unit_id_column: Any) -> ColumnElement[bool]:
    """For rows that name a unit: that unit lies inside the jurisdiction."""
    if jurisdiction.unit_path is None:
        return true()
    condition: ColumnElement[bool] = unit_id_column.in_(
        select(Unit.id).where(in_subtree(jurisdiction.unit_path))
    )
    return condition


def named_above_villages_within(
    jurisdiction: Jurisdiction, unit_id_column: Any, dialect: str
) -> ColumnElement[bool]:
    """`in_jurisdiction` for a report's rows that name a commune-level unit or above (a committee, its
    members, a project's locations: never a village or residential group), with the subtree's bounds
    written (`api/core/written.py`). The subtree's villages (nine units in ten) are left out of the
    units looked up. On PostgreSQL those units' ids are gathered first (`= ANY(ARRAY(...))`), so the
    rows are reached through their unit index: as an IN over a subquery, the planner hashed every row
    of the country and probed each one's unit (150-450 ms for a province's committee members)."""
    if jurisdiction.unit_path is None:
        return true()
    low, high = subtree_bounds(jurisdiction.unit_path)
    ids = select(Unit.id).where(
        Unit.path >= written(low), Unit.path < written(high), Unit.kind.not_in(written_list(VILLAGE_LEVEL))
    )
    if dialect == "postgresql":
        gathered: ColumnElement[bool] = unit_id_column == any_(func.array(ids.scalar_subquery()))
        return gathered
    inside: ColumnElement[bool] = unit_id_column.in_(ids)
    return inside


def visible_through(jurisdiction: Jurisdiction, unit_id_columns: Iterable[Any]) -> ColumnElement[bool]:
    """For rows visible through any of the units they name: one of them lies inside."""
    if jurisdiction.nationwide:
        return true()
    return or_(*(in_jurisdiction(jurisdiction, c) for c in unit_id_columns))


class _NamesAUnit:
    """Marks a list-query field whose value is a unit's id."""


UnitFilter = Annotated[uuid.UUID | None, _NamesAUnit()]

NamedUnits = Mapping[str, Unit]


def unit_not_found(unit_id: object) -> NotFound:
    return NotFound(f"Unit {unit_id} does not exist.", code="unit_not_found")


async def visible_units(
    session: AsyncSession, jurisdiction: Jurisdiction, unit_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, Unit]:
    """The units among `unit_ids` inside the jurisdiction, by id (one statement)."""
    wanted = set(unit_ids)
    if not wanted:
        return {}
    rows = await session.scalars(select(Unit).where(Unit.id.in_(wanted), units_visible(jurisdiction)))
    return {unit.id: unit for unit in rows}


async def _named_unit(session: AsyncSession, unit_id: uuid.UUID) -> Unit | None:
    """A unit a list filter names, wherever it lies (the caller checks the jurisdiction), kept by
    the worker until it changes: a commune's list names its commune on every request, and the
    lookup was a third of the page's CPU in the repository. A kept unit is a detached copy,
    read-only; a filter reads its path."""

    async def read() -> Unit | None:
        found: Unit | None = await session.scalar(select(Unit).where(Unit.id == unit_id))
        return found

    return await cached(session, unit_key(unit_id), read, kept=lambda unit: unit and detached_copy(unit))


async def resolve_unit_filters(
    session: AsyncSession, jurisdiction: Jurisdiction, query: PageQuery | Any
) -> dict[str, Unit]:
    """The units a query's `UnitFilter` fields name, by field; 404 for one outside the jurisdiction."""
    named: dict[str, Unit] = {}
    for name, field in type(query).model_fields.items():
        unit_id = getattr(query, name)
        if unit_id is None or not any(isinstance(m, _NamesAUnit) for m in field.metadata):
            continue
        unit = await _named_unit(session, unit_id)
        if unit is None or not jurisdiction.covers(unit.path):
            raise unit_not_found(unit_id)
        named[name] = unit
    return named


_UNIT_MAPPER = sa_inspect(Unit)


def _held(session: AsyncSession, unit_id: uuid.UUID) -> Unit | None:
    held: Unit | None = session.sync_session.identity_map.get(
        _UNIT_MAPPER.identity_key_from_primary_key((unit_id,))
    )
    return held


async def _into_session(session: AsyncSession, unit: Unit) -> Unit:
    """The session's instance of a unit the worker keeps (a copy of it, attached without a
    statement), which a new row may then name through its relationships. One the session already
    holds is the session's, as the request may have changed it."""
    held = _held(session, unit.id)
    if held is not None:
        return held
    copy = detached_copy(unit)
    make_transient_to_detached(copy)
    return await session.merge(copy, load=False)


async def units_in_jurisdiction(
    session: AsyncSession, jurisdiction: Jurisdiction, fields: Mapping[str, uuid.UUID]
) -> dict[str, Unit]:
    """The units an input's fields name (`{"unit_id": ...}`), by field, each inside the
    jurisdiction: a unit outside it does not exist for this principal, a 422 `unit_not_found` on
    the first field that names one. Where the worker keeps units (PostgreSQL), they come from
    its cache, as a list filter's do: a create names its commune on every request."""
    if cache_of(session) is None:
        found = await visible_units(session, jurisdiction, fields.values())
    else:
        found = {}
        for unit_id in set(fields.values()):
            # One the session holds is the session's (a batch looked it up, or the request changed it).
            held = _held(session, unit_id)
            unit = held if held is not None and not sa_inspect(held).expired_attributes else None
            unit = unit or await _named_unit(session, unit_id)
            if unit is not None and jurisdiction.covers(unit.path):
                found[unit_id] = await _into_session(session, unit)
    for field, unit_id in fields.items():
        if unit_id not in found:
            raise invalid_field(
                field, "unit_not_found", f"Unit {unit_id} does not exist in your jurisdiction."
            )
    return {field: found[unit_id] for field, unit_id in fields.items()}


class UnitFilteredRepository(Repository[M, Q]):
    """A repository whose list queries name units (`UnitFilter` fields): each is resolved inside
    the jurisdiction before the list is filtered (404 `unit_not_found` outside it)."""

    async def named_in(self, query: Q) -> NamedUnits:
        return await resolve_unit_filters(self.session, self.jurisdiction, query)


class UnitScopedRepository(UnitFilteredRepository[M, Q]):
    """A repository whose rows are visible through the units they name (any of `unit_columns`)."""

    unit_columns: ClassVar[tuple[Any, ...]]

    def visible(self, entity: Any = None) -> ColumnElement[bool]:
        """What a row the principal sees satisfies: a filter (`scope`), or a flag to select; of
        `entity` (an alias of the model) when given."""
        columns = self.unit_columns if entity is None else [getattr(entity, c.key) for c in self.unit_columns]
        return visible_through(self.jurisdiction, columns)

    def scope(self, stmt: Select[Any]) -> Select[Any]:
        return stmt if self.jurisdiction.nationwide else stmt.where(self.visible())
