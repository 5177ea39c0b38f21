"""The real app plus the benchmark's baselines and a statement counter, served by uvicorn with
`--factory`.

The baselines pass through the app's own middleware stack and do nothing else:

- `BARE_PATH`, a bare `async def` GET registered first: the framework's floor, the baseline of reads;
- `BARE_LAST_PATH`, the same route registered last among the API routes (just before the API's
  fallback route), so that the router tries every other route first: what routing costs a late route;
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
from fastapi.routing import iter_route_contexts
from sqlalchemy import Column, DateTime, MetaData, Table, Uuid, event, insert
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

from api.core.db import Database
from api.core.metrics import REQUESTS
from api.main import API_PREFIX, create_app

BARE_PATH = "/bench/bare"
BARE_LAST_PATH = f"{API_PREFIX}/bench/bare-last"
BARE_WRITE_PATH = "/bench/bare-write"
STATS_PATH = "/bench/stats"
WRITES_TABLE = "bench_writes"
_WRITES = Table(
    WRITES_TABLE,
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("written_at", DateTime(timezone=True)),
)
# The route api.core.problems.install_api_fallback adds after every API route.
_FALLBACK_PATH = API_PREFIX + "/{rest:path}"
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


async def bare_write(request: Request) -> dict[str, str]:
    database: Database = request.app.state.database
    async with database.engine.begin() as connection:
        await connection.execute(insert(_WRITES).values(id=uuid.uuid4()))
    return {"status": "ok"}


class Counter:
    """Counts what the app's engine sends, through SQLAlchemy's engine and pool events."""

    def __init__(self, database: Database) -> None:
        self.counts = dict.fromkeys(COUNTS, 0)
        self.requests_at_reset = 0.0
        self.routes_before_last = 0
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
            "in_use": self.pool.checkedout() if isinstance(self.pool, QueuePool) else 0,
            "pid": os.getpid(),
            "routes_before_last": self.routes_before_last,
        }


def create() -> FastAPI:
    app = create_app()
    counter = Counter(app.state.database)

    async def stats() -> dict[str, Any]:
        return counter.read()

    async def reset_stats() -> dict[str, Any]:
        counter.reset()
        return counter.read()

    routes = app.router.routes
    fallback = [i for i, r in enumerate(routes) if getattr(r, "path", None) == _FALLBACK_PATH]
    if not fallback:
        raise RuntimeError(f"no API fallback route {_FALLBACK_PATH}: where do the API routes end?")
    app.add_api_route(BARE_LAST_PATH, bare, methods=["GET"], include_in_schema=False)
    routes.insert(fallback[0], routes.pop())
    # First in line: when the SPA is built, its catch-all route would otherwise answer these paths.
    for path, endpoint, method in (
        (STATS_PATH, reset_stats, "DELETE"),
        (STATS_PATH, stats, "GET"),
        (BARE_WRITE_PATH, bare_write, "POST"),
        (BARE_PATH, bare, "GET"),
    ):
        app.add_api_route(path, endpoint, methods=[method], include_in_schema=False)
        routes.insert(0, routes.pop())
    # Included routers stay nested (FastAPI walks them in turn): count the routes inside them.
    tried = [getattr(c.original_route, "path", None) for c in iter_route_contexts(routes)]
    counter.routes_before_last = tried.index(BARE_LAST_PATH)
    return app
