"""The real app plus the benchmark's baselines and a statement counter, served by uvicorn with
`--factory`.

The baselines pass through the app's own middleware stack and do nothing else:

- `BARE_PATH`, a bare `async def` GET registered first: the framework's floor, the baseline of reads;
- `BARE_LAST_PATH`, the same route registered last among the API routes, under the resource with
  the most routes (petitions), so that the router tries every other route of that resource first:
  the longest walk any request takes, i.e. what routing costs a late route (api/core/routing.py);
- `BARE_READ_PATH`, a GET registered first that reads one unit by id (`?id=`) in one `SELECT` of
  the whole row through the app's own pool, in autocommit as the app's reads are, with SQLAlchemy
  Core (no authentication, no ORM, no validation): the floor of any read by id on this stack;
- `BARE_WRITE_PATH`, a POST registered first that inserts and commits one row of `WRITES_TABLE`
  (made by the bench before serving) through the app's own pool: the baseline of creates.

`STATS_PATH` says what this process sent to the database since its last reset (DELETE): statements
(cursor executions), transactions begun, commits and rollbacks (sessions in autocommit, the app's
reads, begin none), pool checkouts, and the HTTP requests answered (from the app's own request
counter, `/metrics`), so that the bench divides the ones by the others.
"""

import os
import uuid
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy import Column, DateTime, MetaData, Table, Uuid, event, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

from api.core.db import Database
from api.core.metrics import REQUESTS
from api.core.routing import ResourceRoutes
from api.core.shared_cache import ProcessCache
from api.main import API_PREFIX, create_app
from api.units.models import Unit

BARE_PATH = "/bench/bare"
_BARE_LAST_RESOURCE = f"{API_PREFIX}/petitions"
BARE_LAST_PATH = f"{_BARE_LAST_RESOURCE}/bench-bare-last"
BARE_READ_PATH = "/bench/bare-read"
BARE_WRITE_PATH = "/bench/bare-write"
STATS_PATH = "/bench/stats"
WRITES_TABLE = "bench_writes"
_WRITES = Table(
    WRITES_TABLE,
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("written_at", DateTime(timezone=True)),
)
COUNTS = ("statements", "transactions", "commits", "rollbacks", "checkouts")


async def create_writes_table(dsn: str) -> None:
    """The bare write's table: a primary key and a timestamp, logged like the app's tables."""
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            f"""DROP TABLE IF EXISTS {WRITES_TABLE};
                CREATE TABLE {WRITES_TABLE} (id uuid PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())"""
        )
    finally:
        await connection.close()


def bare_write_sql() -> tuple[str, str]:
    """The bare write's INSERT as asyncpg receives it, for the direct-SQL run: (SQL, readable SQL)."""
    return f"INSERT INTO {WRITES_TABLE} (id) VALUES ($1::UUID)", f"INSERT INTO {WRITES_TABLE} (id) VALUES (…)"


async def bare() -> dict[str, str]:
    return {"status": "ok"}


def bare_read_sql() -> tuple[str, str]:
    """The bare read's SELECT as asyncpg receives it, for the direct-SQL run: (SQL, readable SQL)."""
    return "SELECT * FROM units WHERE units.id = $1::UUID", "SELECT * FROM units WHERE id = …"


async def bare_read(request: Request, id: uuid.UUID) -> dict[str, Any]:
    database: Database = request.app.state.database
    async with database.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as connection:
        row = (await connection.execute(select(Unit.__table__).where(Unit.__table__.c.id == id))).one()
    return {
        key: value if isinstance(value, int | bool | None) else str(value)
        for key, value in row._mapping.items()
    }


async def bare_write(request: Request) -> dict[str, str]:
    database: Database = request.app.state.database
    async with database.engine.begin() as connection:
        await connection.execute(insert(_WRITES).values(id=uuid.uuid4()))
    return {"status": "ok"}


class Counter:
    """Counts what the app's engine sends, through SQLAlchemy's engine and pool events."""

    def __init__(self, database: Database, cache: ProcessCache) -> None:
        self.cache = cache
        self.counts = dict.fromkeys(COUNTS, 0)
        self.requests_at_reset = 0.0
        self.routes_before_last = 0
        self.resource_routes_before_last = 0
        engine = database.engine.sync_engine
        event.listen(engine, "before_cursor_execute", self._statement)
        for name in ("begin", "commit", "rollback"):
            event.listen(engine, name, self._transaction(name))
        self.pool = engine.pool
        event.listen(engine.pool, "checkout", self._checkout)

    def _statement(self, *_args: Any) -> None:
        self.counts["statements"] += 1

    def _transaction(self, name: str) -> Any:
        key = {"begin": "transactions", "commit": "commits", "rollback": "rollbacks"}[name]

        def count(connection: Connection) -> None:
            # A session in autocommit (the app's reads on PostgreSQL) sends no BEGIN, COMMIT or ROLLBACK.
            if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
                self.counts[key] += 1

        return count

    def _checkout(self, *_args: Any) -> None:
        self.counts["checkouts"] += 1

    @staticmethod
    def requests() -> float:
        """HTTP requests answered, but these statistics' own."""
        return sum(
            sample.value
            for metric in REQUESTS.collect()
            for sample in metric.samples
            if sample.name.endswith("_total") and sample.labels.get("route") != STATS_PATH
        )

    def reset(self) -> None:
        self.counts = dict.fromkeys(COUNTS, 0)
        self.requests_at_reset = self.requests()

    def read(self) -> dict[str, Any]:
        return {
            **self.counts,
            "requests": self.requests() - self.requests_at_reset,
            # Requests still holding a connection; the cache's listener holds one for good.
            "in_use": (self.pool.checkedout() - self.cache.live) if isinstance(self.pool, QueuePool) else 0,
            "pid": os.getpid(),
            "routes_before_last": self.routes_before_last,
            "resource_routes_before_last": self.resource_routes_before_last,
        }


def create() -> FastAPI:
    app = create_app()
    counter = Counter(app.state.database, app.state.cache)

    async def stats() -> dict[str, Any]:
        return counter.read()

    async def reset_stats() -> dict[str, Any]:
        counter.reset()
        return counter.read()

    routes = app.router.routes
    api = next((r for r in routes if isinstance(r, ResourceRoutes)), None)
    if api is None:
        raise RuntimeError("no ResourceRoutes in the app: where are the API routes?")
    # Last of the resource with the most routes, the longest walk a request can take.
    api.add(APIRoute(BARE_LAST_PATH, bare, methods=["GET"], include_in_schema=False))
    counter.routes_before_last = len(api.routes) - 1
    counter.resource_routes_before_last = (
        sum(r.path.startswith(_BARE_LAST_RESOURCE + "/") for r in api.routes) - 1
    )
    # First in line: when the SPA is built, its catch-all route would otherwise answer these paths.
    for path, endpoint, method in (
        (STATS_PATH, reset_stats, "DELETE"),
        (STATS_PATH, stats, "GET"),
        (BARE_WRITE_PATH, bare_write, "POST"),
        (BARE_READ_PATH, bare_read, "GET"),
        (BARE_PATH, bare, "GET"),
    ):
        app.add_api_route(path, endpoint, methods=[method], include_in_schema=False)
        routes.insert(0, routes.pop())
    return app
