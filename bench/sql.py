"""The SQL each benchmarked endpoint runs, taken from the repository and `paginate` themselves.

The endpoints' own building blocks run against a recording stand-in for the session, so the
statements are exactly the ones the app would send (compiled for asyncpg with bind parameters),
not a hand-written imitation that could drift.
"""

import re
import uuid
from collections.abc import Awaitable, Callable
from enum import Enum
from types import SimpleNamespace
from typing import Any, cast

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import ClauseElement
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.compiler import SQLCompiler

from api.core.access import SYSTEM
from api.core.pagination import CursorCodec
from api.core.shared_cache import SESSION_KEY as CACHE_SESSION_KEY
from api.core.shared_cache import ProcessCache
from api.units.models import unit_key
from api.units.repository import UnitRepository
from api.units.schemas import UnitListQuery
from bench.load import Statement

_INDEX = re.compile(r"(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)")
_SEQ = re.compile(r"Seq Scan on (\w+)")
_EXECUTION = re.compile(r"Execution Time: ([\d.]+) ms")
_DIALECT = make_url("postgresql+asyncpg://").get_dialect()()


class _Rows:
    """A lookup of units by id (`visible_units`) iterates and finds the unit; a list page's
    `.all()` finds no rows."""

    def __init__(self, unit: Any) -> None:
        self.unit = unit

    def __iter__(self) -> Any:
        return iter([self.unit])

    def all(self) -> list[Any]:
        return []


class _Recorder:
    """Answers the repository's lookups with `unit` and every list with no rows, keeping the
    statements. It carries a worker's cache holding `unit`, as a running worker keeps a unit a
    list filter names (api/units/scope.py), so a filter's lookup is not sent, as by the API."""

    def __init__(self, unit: Any) -> None:
        self.unit = unit
        self.statements: list[ClauseElement] = []
        cache = ProcessCache()
        cache.live = True
        cache.put(unit_key(unit.id), unit, cache.generation)
        self.sync_session = SimpleNamespace(info={CACHE_SESSION_KEY: cache})

    async def scalar(self, statement: ClauseElement, params: dict[str, Any] | None = None) -> Any:
        self._record(statement, params)
        return self.unit

    async def scalars(self, statement: ClauseElement, params: dict[str, Any] | None = None) -> _Rows:
        self._record(statement, params)
        return _Rows(self.unit)

    def _record(self, statement: ClauseElement, params: dict[str, Any] | None) -> None:
        # A page's cursor comes as parameters of a statement kept across requests: bound here.
        self.statements.append(statement.params(params) if params else statement)


def _compile(statement: ClauseElement) -> Statement:
    compiled = cast(
        SQLCompiler, statement.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    )
    params = compiled.construct_params()
    processors = compiled._bind_processors
    values = []
    for name in compiled.positiontup or ():
        value = params[name]
        processor = processors.get(name)
        if callable(processor):
            value = processor(value)
        values.append(value.value if isinstance(value, Enum) else value)
    # The asyncpg dialect's numeric paramstyle leaves "%" alone in literals (the default one doubles it).
    literal = statement.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True})
    return Statement(sql=str(compiled), params=tuple(values), literal=str(literal))


async def _capture(unit: Any, run: Callable[[AsyncSession], Awaitable[object]]) -> list[Statement]:
    recorder = _Recorder(unit)
    await run(cast(AsyncSession, recorder))
    return [_compile(s) for s in recorder.statements]


class _Unit:
    def __init__(self, unit_id: uuid.UUID, path: str) -> None:
        self.id = unit_id
        self.path = path


async def endpoint_statements(
    dsn: str,
    province_id: uuid.UUID,
    unit_id: uuid.UUID,
    deep_cursor: str,
    codec: CursorCodec,
    searches: dict[str, str],
) -> dict[str, list[Statement]]:
    """Mirrors api/units/endpoints.py: get_unit, list_children, and list_units for a subtree and a search."""
    connection = await asyncpg.connect(dsn)
    try:
        path = await connection.fetchval("SELECT path FROM units WHERE id = $1", province_id)
    finally:
        await connection.close()
    province = _Unit(province_id, path)

    async def get(session: AsyncSession) -> None:
        await UnitRepository(session, SYSTEM).get(unit_id)

    async def children(session: AsyncSession) -> None:
        repo = UnitRepository(session, SYSTEM)
        parent = await repo.get(province_id)
        await repo.page(UnitListQuery(parent_id=province_id), codec, named={"parent_id": parent})

    def subtree(cursor: str | None) -> Callable[[AsyncSession], Awaitable[None]]:
        async def run(session: AsyncSession) -> None:
            await UnitRepository(session, SYSTEM).page(
                UnitListQuery(within_unit_id=province_id, limit=50, cursor=cursor), codec
            )

        return run

    def search(q: str) -> Callable[[AsyncSession], Awaitable[None]]:
        async def run(session: AsyncSession) -> None:
            await UnitRepository(session, SYSTEM).page(UnitListQuery(q=q, limit=50), codec)

        return run

    found = {
        "unit": await _capture(province, get),
        "children": await _capture(province, children),
        "subtree_first": await _capture(province, subtree(None)),
        "subtree_deep": await _capture(province, subtree(deep_cursor)),
    }
    for key, q in searches.items():
        found[key] = await _capture(province, search(q))
    return found


def summarize_plan(literal: str, lines: list[str]) -> dict[str, Any]:
    """The indexes and sequential scans a plan uses, and its execution time."""
    text = "\n".join(lines)
    execution = _EXECUTION.search(text)
    return {
        "sql": literal,
        "indexes": sorted(set(_INDEX.findall(text))),
        "seq_scans": sorted(set(_SEQ.findall(text))),
        "execution_ms": float(execution.group(1)) if execution else None,
        "plan": lines,
    }


async def explain(dsn: str, statements: list[Statement]) -> list[dict[str, Any]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each statement, with the indexes it used and its execution time."""
    connection = await asyncpg.connect(dsn)
    try:
        plans = []
        for statement in statements:
            rows = await connection.fetch("EXPLAIN (ANALYZE, BUFFERS) " + statement.literal)
            plans.append(summarize_plan(statement.literal, [r[0] for r in rows]))
        return plans
    finally:
        await connection.close()
