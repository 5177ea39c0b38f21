"""A create's new rows written in one statement, not through the unit of work.

A create writes a handful of new rows at once (a case, its people, its first time limit and the
first entry of its history). Flushed by the ORM they cost a create more CPU than everything else it
does: the unit of work's bookkeeping of every object and relationship, one INSERT per table, then
the audit rows' INSERT at commit (py-spy on a live worker; bench/README.md). `insert_created`
writes the rows the objects already hold with SQLAlchemy Core instead, with the audit events queued
so far: on PostgreSQL in one statement, every row's INSERT but the last a data-modifying CTE of the
last one (foreign keys are checked at the end of the statement, when every row of it is there); on
SQLite, which has no such CTE, one INSERT per table in foreign-key order.

What the flush would have done is done here: a column the object does not set gets its Python-side
default (`default=`) or NULL, keys are copied along the relationships set on the objects (a case's
id into its time limits), and every object of an audited model is captured for the audit log as
the flush captures it (`audit.capture`), only with the values the row was written with, its id
and defaults included; and what the rows make stale in the workers' caches (`cache_keys`) is
announced, as the flush announces it. An autoincremented key is left to the database and not
read back, so give such objects only when nothing reads their id (a history entry).

The objects are then put in the session as if just loaded (`make_transient_to_detached`), so
that what the request does next to them is flushed as an update. Give it objects that are new and
have every relationship the create sets already set.
"""

from collections import defaultdict
from collections.abc import Callable
from functools import cache, lru_cache, partial
from typing import Any, cast

from sqlalchemy import Column, ColumnDefault, Executable, Table, bindparam, insert, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ONETOMANY, Mapper, make_transient_to_detached

from api.core import audit
from api.core.db import Base
from api.core.shared_cache import announce


@cache
def _foreign_key_order(tables: int) -> dict[Table, int]:  # noqa: ARG001 - the cache's key
    """Each table's place with parents before children (`tables`: how many the models define,
    read when the first create runs, after every domain's models are imported)."""
    return {table: i for i, table in enumerate(Base.metadata.sorted_tables)}


@cache
def _columns(mapper: Mapper[Any]) -> list[tuple[str, Column[Any]]]:
    """The model's attributes that are columns of its table, with their columns."""
    return [
        (attr.key, column)
        for attr in mapper.column_attrs
        if isinstance(column := attr.columns[0], Column) and column.table is mapper.local_table
    ]


@cache
def _defaults(mapper: Mapper[Any]) -> list[tuple[str, Callable[[], Any]]]:
    """The model's columns with what the INSERT gives each one an object leaves unset: its
    Python-side default, or NULL (an autoincrement key is left out: the database gives it)."""
    found: list[tuple[str, Callable[[], Any]]] = []
    for key, column in _columns(mapper):
        if column is cast(Table, mapper.local_table).autoincrement_column:
            continue
        default = column.default
        if isinstance(default, ColumnDefault) and not default.is_sequence:
            found.append(
                (key, partial(default.arg, None) if default.is_callable else partial(_same, default.arg))
            )
        else:
            found.append((key, partial(_same, None)))
    return found


def _same(value: Any) -> Any:
    return value


def _fill_columns(obj: Any) -> None:
    """Give every column the object does not set what the INSERT gives it. Into the object's
    state itself: for a new object the attribute events of `setattr` only cost (they were a
    tenth of an import's time), and the state is what the row and the audit event are read from."""
    state = inspect(obj)
    values = state.dict
    for key, default in _defaults(state.mapper):
        if key not in values:
            values[key] = default()


def _sync_foreign_keys(obj: Any) -> None:
    """Copy keys along the relationships set on `obj`, as the flush would: a related parent's key
    into `obj`'s foreign key, `obj`'s key into its children's."""
    state = inspect(obj)
    for key, one_to_many, pairs in _links(state.mapper):
        if key not in state.dict:
            continue
        value = state.dict[key]
        for holder in value if one_to_many else ([] if value is None else [value]):
            source, target = (obj, holder) if one_to_many else (holder, obj)
            for local, remote in pairs:
                key_column, fk_column = (local, remote) if one_to_many else (remote, local)
                setattr(target, _key(target, fk_column), getattr(source, _key(source, key_column)))


@cache
def _links(mapper: Mapper[Any]) -> list[tuple[str, bool, list[tuple[Any, Any]]]]:
    """The model's relationships that write keys: name, one-to-many, (local, remote) columns
    (the mapper's own collections are rebuilt on every read: an import's batch read them a
    hundred thousand times)."""
    return [
        (r.key, r.direction is ONETOMANY, list(r.local_remote_pairs))
        for r in mapper.relationships
        if not r.viewonly
    ]


def _key(obj: Any, column: Any) -> str:
    return _key_of(inspect(obj).mapper, column)


@cache
def _key_of(mapper: Mapper[Any], column: Any) -> str:
    key: str = mapper.get_property_by_column(column).key
    return key


def _rows_by_table(objects: list[Any]) -> list[tuple[Table, list[dict[str, Any]]]]:
    grouped: dict[Table, list[dict[str, Any]]] = defaultdict(list)
    for obj in objects:
        grouped[inspect(obj).mapper.local_table].append(_row(obj))
    order = _foreign_key_order(len(Base.metadata.tables))
    return sorted(grouped.items(), key=lambda item: order[item[0]])


def _row(obj: Any) -> dict[str, Any]:
    """The object's row; an autoincrement key it lacks is left out, for the database to give."""
    state = inspect(obj)
    return {column.key: state.dict[key] for key, column in _columns(state.mapper) if key in state.dict}


async def insert_created(session: AsyncSession, *objects: Any) -> None:
    """Write the new `objects` (ORM instances never added to a session) with their audit events."""
    for obj in objects:
        _fill_columns(obj)
    for obj in objects:
        _sync_foreign_keys(obj)
        # After the defaults, unlike the flush's capture: the event names the row's id and every
        # value it was written with.
        audit.capture(session.sync_session, obj, "create")
    tables = _rows_by_table(list(objects))
    # Their audit events (and any the request queued before them) go in the same statement.
    if events := audit.pending_rows(session.sync_session):
        tables.append((audit.EVENTS, events))
    await _execute(session, tables)
    # What a flush of such rows would NOTIFY (a model's `cache_keys`), every worker forgets.
    await announce(
        session, *{key for obj in objects if hasattr(obj, "cache_keys") for key in obj.cache_keys()}
    )
    _attach(session, objects)


async def insert_many(session: AsyncSession, objects: list[Any]) -> None:
    """Write the new `objects` of many creates (an import's batch) with their audit events: one
    multi-row INSERT per table in foreign-key order (SQLAlchemy's "insertmanyvalues", a thousand
    rows a statement), as `insert_created` writes one create's. The objects are not put in the
    session: nothing of the batch reads them again, and a big file's would fill its memory."""
    for obj in objects:
        _fill_columns(obj)
    for obj in objects:
        _sync_foreign_keys(obj)
        audit.capture(session.sync_session, obj, "create")
    tables = _rows_by_table(objects)
    if events := audit.pending_rows(session.sync_session):
        tables.append((audit.EVENTS, events))
    for table, rows in tables:
        await session.execute(insert(table), rows)
    await announce(
        session, *{key for obj in objects if hasattr(obj, "cache_keys") for key in obj.cache_keys()}
    )


async def _execute(session: AsyncSession, tables: list[tuple[Table, list[dict[str, Any]]]]) -> None:
    if session.get_bind().dialect.name != "postgresql":
        for table, rows in tables:
            await session.execute(insert(table), rows)
        return
    each_row = [(table, row) for table, table_rows in tables for row in table_rows]
    statement = _one_statement(tuple((table, tuple(row)) for table, row in each_row))
    values = {f"r{i}_{c}": v for i, (_, row) in enumerate(each_row) for c, v in row.items()}
    await session.execute(statement, values)


@lru_cache(maxsize=256)
def _one_statement(shape: tuple[tuple[Table, tuple[str, ...]], ...]) -> Executable:
    """One single-row INSERT per row of `shape` (its table and columns), every one but the last a
    CTE of the last, the values bound as `r<row>_<column>`. Built once per shape (how many people,
    how many limits): building a statement from values costs more than running it."""
    *firsts, last = [
        insert(table).values({c: bindparam(f"r{i}_{c}", type_=table.c[c].type) for c in columns})
        for i, (table, columns) in enumerate(shape)
    ]
    return last.add_cte(*(stmt.cte(f"new_{i}") for i, stmt in enumerate(firsts)))


def _attach(session: AsyncSession, objects: tuple[Any, ...]) -> None:
    """Put the written objects in the session as if just loaded, so that what the request does
    next to them (a workflow step, a demo load) is flushed as an update. An object whose key the
    database gave is left out: its key is not read back."""
    known = [obj for obj in objects if None not in inspect(obj).mapper.primary_key_from_instance(obj)]
    for obj in known:
        make_transient_to_detached(obj)
    session.add_all(known)
