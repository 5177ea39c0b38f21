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

An import's batch of creates is written the same way, part by part, by `written_behind`: on
PostgreSQL with `COPY`, while the next part is built.
"""

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from functools import cache, lru_cache, partial
from operator import itemgetter
from typing import Any, cast

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import Column, ColumnDefault, Executable, Table, bindparam, event, insert, inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import ONETOMANY, Mapper, make_transient_to_detached
from sqlalchemy.util import await_

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
            source, target = (inspect(obj), inspect(holder)) if one_to_many else (inspect(holder), state)
            for local, remote in pairs:
                key_column, fk_column = (local, remote) if one_to_many else (remote, local)
                fk = _key_of(target.mapper, fk_column)
                # The key is read through the attribute (a parent's may not be loaded).
                value = getattr(source.obj(), _key_of(source.mapper, key_column))
                if target.key is None:  # a new object: into its state, as `_fill_columns` does
                    target.dict[fk] = value
                else:
                    setattr(target.obj(), fk, value)


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
    """Write the new `objects` (ORM instances never added to a session) with their audit events
    (and any the request queued before them) in the same statement."""
    events, stale = _prepared(session, list(objects))
    tables = _rows_by_table(list(objects))
    if events:
        tables.append((audit.EVENTS, events))
    await _execute(session, tables)
    # What a flush of such rows would NOTIFY (a model's `cache_keys`), every worker forgets.
    await announce(session, *stale)
    _attach(session, objects)


def _prepared(session: AsyncSession, objects: list[Any]) -> tuple[list[dict[str, Any]], set[str]]:
    """Give new `objects` what the flush would (defaults, keys along their relationships) and
    capture their audit events: the rows of the events queued so far, and the cache keys the
    objects make stale."""
    for obj in objects:
        _fill_columns(obj)
    for obj in objects:
        _sync_foreign_keys(obj)
        # After the defaults, unlike the flush's capture: the event names the row's id and every
        # value it was written with.
        audit.capture(session.sync_session, obj, "create")
    events = audit.pending_rows(session.sync_session)
    return events, {key for obj in objects if hasattr(obj, "cache_keys") for key in obj.cache_keys()}


# A table's name, columns and records, for COPY.
Copies = list[tuple[str, list[str], list[Any]]]
# The background write a connection is busy with (`WrittenBehind`), in its `info`.
_WRITING = "qcdc_written_behind"


class WrittenBehind:
    """The new objects of an import's batch written part by part while the caller builds the next
    part: on PostgreSQL with `COPY`, one table after another, in a task of its own, so that the
    database's work on one part (a case's indexes cost it about what the case costs Python)
    runs on its own core beside the building of the next; elsewhere each part at once, one
    multi-row INSERT per table. Nothing is put in the session: nothing of the batch reads the
    objects again, and a big file's would fill its memory.

    Only the caller's task touches the session: a part's rows, audit events and bound values are
    prepared in it, and the task gets the driver's connection and the values. A statement the
    caller runs meanwhile (a cache that missed) waits for the part being written
    (`_wait_for_writes`). A write that fails raises its error at the next `write` or at the end
    of the `written_behind` block, inside the caller's savepoint."""

    def __init__(self, session: AsyncSession, connection: AsyncConnection) -> None:
        self.session = session
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self.stale: set[str] = set()
        self.task: asyncio.Task[None] | None = None

    async def write(self, objects: list[Any]) -> None:
        """Start writing `objects`, once the previous part is written."""
        events, stale = _prepared(self.session, objects)
        self.stale |= stale
        if not self.postgresql:
            tables = _rows_by_table(objects) + ([(audit.EVENTS, events)] if events else [])
            for table, rows in tables:
                await self.session.execute(insert(table), rows)
            return
        dialect = self.connection.dialect
        copies = _copies(objects, dialect) + [
            (
                audit.EVENTS.name,
                list(keys),
                _records(audit.EVENTS, keys, dialect, [itemgetter(*keys)(r) for r in same]),
            )
            for keys, same in _by_keys(events).items()
        ]
        await self.finish()
        driver = (await self.connection.get_raw_connection()).driver_connection
        self.task = asyncio.create_task(_copy_all(driver, copies))
        self.connection.info[_WRITING] = self.task
        await self.meanwhile()

    async def meanwhile(self) -> None:
        """Let the write move on (to its next table): call it now and then while building a part."""
        await asyncio.sleep(0)

    async def finish(self) -> None:
        """Wait for the part being written; raise its error if it failed."""
        task, self.task = self.task, None
        if task is not None:
            self.connection.info.pop(_WRITING, None)
            await task


@asynccontextmanager
async def written_behind(session: AsyncSession) -> AsyncIterator[WrittenBehind]:
    """A `WrittenBehind` whose writes are all done when the block ends (an error in the block
    still waits for the part being written: the connection must be free before the savepoint
    is rolled back)."""
    writer = WrittenBehind(session, await session.connection())
    try:
        yield writer
    except BaseException:
        with suppress(Exception):
            await writer.finish()
        raise
    await writer.finish()
    await announce(session, *writer.stale)


async def _copy_all(driver: Any, copies: Copies) -> None:
    """COPY each table's records into it, in the connection's transaction, each value as the
    INSERT would bind it (`_records`, then asyncpg's binary encoding). A refused row fails the
    COPY as it would the INSERT, with the same kind of error."""
    for table, columns, records in copies:
        try:
            await driver.copy_records_to_table(table, records=records, columns=columns)
        except asyncpg.IntegrityConstraintViolationError as error:
            raise IntegrityError(f"COPY {table}", None, error) from error
        except asyncpg.PostgresError as error:
            raise DBAPIError(f"COPY {table}", None, error) from error


@event.listens_for(Engine, "before_cursor_execute")
def _wait_for_writes(conn: Connection, *_: Any) -> None:
    """A statement on a connection busy with a background write waits for it (asyncpg runs one
    operation at a time); the write's error, if it failed, is the statement's."""
    task = conn.info.get(_WRITING)
    if task is not None and not task.done():
        await_(asyncio.shield(task))


def _records(table: Table, keys: tuple[str, ...], dialect: Any, values: list[Any]) -> list[Any]:
    """Each row's `values` of `keys` (a tuple, or the value of a single key), each as its column's
    type binds it (most types do nothing)."""
    converts = _converters(table, keys, dialect)
    if len(keys) == 1:
        records = [[value] for value in values]
    else:
        records = [list(value) for value in values] if converts else values
    for index, convert in converts:
        for record in records:
            record[index] = convert(record[index])
    return records


def _copies(objects: list[Any], dialect: Any) -> "Copies":
    """The new objects' records for COPY, table by table in foreign-key order, read straight from
    their states (every column is there once `_fill_columns` ran, but a key the database gives)."""
    grouped: dict[tuple[Table, tuple[str, ...]], list[Any]] = defaultdict(list)
    for obj in objects:
        state = inspect(obj)
        table, columns, take = _shape(state.mapper, _keyed(state))
        grouped[table, columns].append(take(state.dict))
    order = _foreign_key_order(len(Base.metadata.tables))
    return [
        (table.name, list(columns), _records(table, columns, dialect, values))
        for (table, columns), values in sorted(grouped.items(), key=lambda item: order[item[0][0]])
    ]


def _keyed(state: Any) -> bool:
    """Whether the object sets the key its table would give (an autoincrement key)."""
    key = _autoincrement_key(state.mapper)
    return key is None or key in state.dict


@cache
def _autoincrement_key(mapper: Mapper[Any]) -> str | None:
    column = cast(Table, mapper.local_table).autoincrement_column
    return None if column is None else _key_of(mapper, column)


@cache
def _shape(
    mapper: Mapper[Any], keyed: bool
) -> tuple[Table, tuple[str, ...], Callable[[dict[str, Any]], Any]]:
    """The model's table, the columns its new rows give, and what takes their values from a state."""
    skipped = None if keyed else _autoincrement_key(mapper)
    pairs = [(key, column.key) for key, column in _columns(mapper) if key != skipped]
    return cast(Table, mapper.local_table), tuple(c for _, c in pairs), itemgetter(*(k for k, _ in pairs))


@cache
def _converters(table: Table, keys: tuple[str, ...], dialect: Any) -> list[tuple[int, Callable[[Any], Any]]]:
    found = ((i, table.c[key].type._cached_bind_processor(dialect)) for i, key in enumerate(keys))
    return [(i, convert) for i, convert in found if convert is not None]


def _by_keys(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """The rows grouped by the columns they give (a table's rows give the same ones, as a rule)."""
    grouped: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[tuple(row)].append(row)
    return grouped


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
