"""Engine, sessions and the declarative base shared by every domain.

One `Database` per process. Requests get a session from the unit of work (`core.unit_of_work`);
commands and jobs use `Database.session()` the same way and commit once at the end.
"""

import functools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import structlog
from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    Index,
    MetaData,
    cast,
    event,
    func,
    literal,
    select,
    text,
    type_coerce,
)
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

from api.core import clock
from api.core.errors import database_unavailable
from api.core.settings import Settings

log = structlog.get_logger(__name__)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Write transactions on SQLite take the write lock at BEGIN: a deferred transaction that reads and
# then writes fails at once (SQLITE_BUSY) when another writer got there first, instead of waiting.
WRITE_OPTION = "qcdc_write"


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on both databases (SQLite stores naive text, PostgreSQL timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are refused: store UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return clock.now()


@functools.cache
def _keys(cls: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The model's column attributes, and its relationships that are collections."""
    mapper = sa_inspect(cls)
    return (
        frozenset(str(attr.key) for attr in mapper.column_attrs),
        frozenset(str(rel.key) for rel in mapper.relationships if rel.uselist),
    )


def _constructor(self: Any, **kwargs: Any) -> None:
    """A new object's columns go straight into its state, as a load puts them, and so does an
    empty collection; other relationships go through their instrumentation (back-references,
    the history the flush reads a collection's new members from). SQLAlchemy's own constructor
    sets every keyword through the attribute's events, which record a history a new object's
    columns do not need: a tenth of an import's time (the flush inserts from the state)."""
    cls: Any = type(self)
    columns, collections = _keys(cls)
    values = self.__dict__
    for key, value in kwargs.items():
        if key in columns:
            values[key] = value
        elif key in collections and isinstance(value, list) and not value:
            set_committed_value(self, key, value)
        elif hasattr(cls, key):
            setattr(self, key, value)
        else:
            raise TypeError(f"{key!r} is an invalid keyword argument for {cls.__name__}")


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
        constructor=_constructor,
    )


def unique_where(name: str, *columns: str, where: str) -> Index:
    """A unique index over the rows matching `where` (a partial index on both databases)."""
    return Index(name, *columns, unique=True, sqlite_where=text(where), postgresql_where=text(where))


def string_enum(cls: type[StrEnum]) -> Enum:
    """An enum column stored as its plain string value: a new value needs no type migration."""
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda e: [m.value for m in e],
    )


class UUIDPrimaryKey:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def _configure_sqlite(engine: AsyncEngine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINTs and ignores BEGIN modes; SQLAlchemy's
    # documented recipe takes it over so that transactions behave as on PostgreSQL.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


CONNECT_TIMEOUT_SECONDS = 10


def create_engine(settings: Settings, url: str | None = None) -> AsyncEngine:
    """The engine of the settings' database, or of `url` (a replica's) with the same pooling."""
    url = url or settings.resolved_database_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    # No pre-ping: it costs a round trip per request (13% of a simple read). A connection the
    # server dropped fails its request with a retryable 503 and is discarded from the pool.
    # No overflow either: an overflow connection is opened for a burst and closed when it is
    # returned, so 16 concurrent requests on a pool of 10 opened and closed 6 connections all the
    # time (8% of a unit read's CPU in a profile, connect and TLS negotiation). The pool's
    # connections are opened as needed, up to the size, and kept.
    # A server that does not answer at all (a dead host, a dropped route) fails the connect after
    # 10 s, a retryable 503, instead of holding the request for asyncpg's default 60 s.
    engine = create_async_engine(
        url,
        pool_size=connections_per_worker(settings),
        max_overflow=0,
        pool_recycle=1800,
        connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
    )
    event.listen(engine.sync_engine, "do_connect", _connect_or_unavailable)
    return engine


def _connect_or_unavailable(
    dialect: Dialect, _record: object, cargs: list[Any], cparams: dict[str, Any]
) -> Any:
    """Open a connection, or say the database is unavailable (a retryable 503).

    A server that is restarting ("the database system is shutting down"), refusing connections
    or out of connection slots fails the connect itself, before SQLAlchemy has a connection whose
    loss it could detect: asyncpg raises OSError or its own errors, which would otherwise reach the
    client as a 500."""
    try:
        return dialect.connect(*cargs, **cparams)
    except (OSError, dialect.loaded_dbapi.Error) as exc:
        log.warning("database_connect_failed", error=str(exc)[:300])
        raise database_unavailable("The database cannot be reached just now; retry the request.") from exc


def connections_per_worker(settings: Settings) -> int:
    """The most connections one worker's pool opens: the requests' and one more, which the shared
    cache's listener holds for the worker's lifetime (api/core/shared_cache.py)."""
    return settings.database_pool_size + 1


async def connection_budget_problem(engine: AsyncEngine, settings: Settings) -> str | None:
    """Why the workers' pools could exhaust the PostgreSQL server's connections, or None.

    Every worker has a pool of its own: `workers x (pool size + 1)` connections may be open at
    once, and the server refuses the one past `max_connections` minus its reserved slots with
    "too many clients" — a failure that shows only under load. Many workers (or several hosts)
    share a server through PgBouncer in transaction mode instead (see the README)."""
    if engine.dialect.name != "postgresql":
        return None
    async with engine.connect() as conn:
        limit = int(await conn.scalar(text("SELECT current_setting('max_connections')::int")))
        reserved = int(
            await conn.scalar(text("SELECT current_setting('superuser_reserved_connections')::int"))
        )
    available = limit - reserved
    wanted = settings.workers * connections_per_worker(settings)
    if wanted <= available:
        return None
    fitting = max(1, available // settings.workers - 1)
    return (
        f"{settings.workers} worker(s) x {connections_per_worker(settings)} connections "
        f"(QCDC_DATABASE_POOL_SIZE={settings.database_pool_size} + 1 for the cache's listener) = {wanted}, "
        f"but the server accepts {available} ({limit} max_connections - {reserved} reserved). "
        f"Set QCDC_DATABASE_POOL_SIZE={fitting} or fewer, fewer QCDC_WORKERS, or put PgBouncer "
        "(transaction mode) in front of PostgreSQL."
    )


def json_array_of(dialect: str, fields: dict[str, Any]) -> Any:
    """An aggregate building a JSON array of one object per row (`fields`: name → column), for
    a correlated subquery that brings a row's small collection along in the row's own statement.
    An empty set is `[]`. Order is not guaranteed (SQLite before 3.44 cannot order an aggregate):
    carry the sort key and sort after reading."""
    pairs = [part for name, column in fields.items() for part in (literal(name), column)]
    if dialect == "postgresql":
        return type_coerce(
            func.coalesce(func.json_agg(func.json_build_object(*pairs)), text("'[]'::json")), JSON
        )
    return type_coerce(func.json_group_array(func.json_object(*pairs)), JSON)


def json_list_contains(dialect: str, column: Any, value: str) -> Any:
    """A JSON array column (of strings) holds `value`: a condition for a WHERE clause."""
    if dialect == "postgresql":
        # jsonb's `?` holds for a string element of a top-level array.
        return cast(column, JSONB).has_key(value)
    elements = func.json_each(column).table_valued("value")
    return select(elements.c.value).where(elements.c.value == value).exists()


def dialect_insert(dialect: str) -> Any:
    """The INSERT of the dialect in use, for `on_conflict_do_update` (an upsert in one statement):
    both PostgreSQL and SQLite have INSERT … ON CONFLICT … DO UPDATE … RETURNING."""
    return pg_insert if dialect == "postgresql" else sqlite_insert


class Database:
    """The engine and the session factories (read, write, and reports) of one process."""

    def __init__(
        self, engine: AsyncEngine, bind: AsyncConnection | None = None, replica: AsyncEngine | None = None
    ) -> None:
        self.engine = engine
        self.replica = replica
        self.dialect = engine.dialect.name
        # Bound to one outer transaction (the tests'): nothing it writes is ever committed for others.
        self.bound = bind is not None
        if bind is not None:
            # Tests: every session joins the test's open transaction through a SAVEPOINT, so a
            # request's commit is real to the code under test and rolled back after the test.
            shared = async_sessionmaker(
                bind=bind, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
            )
            self._read = self._write = self._report = shared
            return
        # PostgreSQL reads run without BEGIN/ROLLBACK: under READ COMMITTED each statement sees its
        # own snapshot anyway, so the transaction bought nothing but two round trips.
        reads = (
            engine.execution_options(isolation_level="AUTOCOMMIT") if self.dialect == "postgresql" else engine
        )
        self._read = async_sessionmaker(reads, expire_on_commit=False, autoflush=False)
        self._report = self._read
        if replica is not None:
            replica_reads = replica.execution_options(isolation_level="AUTOCOMMIT")
            self._report = async_sessionmaker(replica_reads, expire_on_commit=False, autoflush=False)
        self._write = async_sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False, autoflush=False
        )

    def session_factory(self, *, write: bool) -> async_sessionmaker[AsyncSession]:
        return self._write if write else self._read

    def report_session(self) -> AsyncSession:
        """A read-only session for a report: on the replica when there is one, else the primary.
        A replica may lag the primary by moments, which a statistic over weeks or months does not
        notice; a request that must see its own writes reads the primary (every other route)."""
        return self._report()

    @asynccontextmanager
    async def session(self, *, write: bool = True) -> AsyncIterator[AsyncSession]:
        """A unit of work for commands and jobs: commits on success, rolls back on error."""
        async with self._write() if write else self._read() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.replica is not None:
            await self.replica.dispose()
