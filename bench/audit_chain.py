"""Do concurrent writes still queue on the audit chain? (issue 10)

`.venv/bin/python bench/audit_chain.py` recreates the database `qcdc_bench_audit` on the local
PostgreSQL (or the server `QCDC_BENCH_DATABASE_URL` names), migrates it, and runs, for each number
of concurrent writers, `--rounds` rounds of `--seconds` seconds in which every writer commits
transactions of `--events` audit events back to back, each through the real commit path
(`audit.record` + the session's commit). It prints committed transactions per second, their median
and 95th-percentile latency, and the speed-up over one writer. Where the code has a sealer
(`audit.run_sealer`), one runs throughout, as on a worker (every second), and the script reports
the longest any event waited unsealed while writers ran, then how fast one sealer seals a backlog of
`--backlog` events, and verifies the chain.

The script imports only what both designs have, so the same file measures the old one:
`PYTHONPATH=/path/to/old/checkout .venv/bin/python bench/audit_chain.py`. The machine is shared and
noisy: read the ratios within one run, not the absolute numbers.
"""

import argparse
import asyncio
import contextlib
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from api.core import audit
from api.core.db import Database, create_engine
from api.core.logging import configure_logging
from api.core.settings import PROJECT_ROOT, Settings

NAME = "qcdc_bench_audit"


async def _fresh_database() -> Settings:
    base = make_url(
        os.environ.get("QCDC_BENCH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    )
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{NAME}"'))
    await admin.dispose()
    return Settings(
        environment="test",
        database_url=base.set(database=NAME).render_as_string(hide_password=False),
        secret_key="bench-secret-key-that-is-long-enough-0123456789",
        database_pool_size=20,
    )


async def _migrate(engine: AsyncEngine) -> None:
    def run(connection: object) -> None:
        config = Config(str(PROJECT_ROOT / "alembic.ini"))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with engine.begin() as conn:
        await conn.run_sync(run)


async def _writer(database: Database, until: float, events: int, latencies: list[float]) -> None:
    while time.perf_counter() < until:
        start = time.perf_counter()
        async with database.session() as session:
            for i in range(events):
                audit.record(session, "bench.write", "bench", i, changes={"after": {"n": i}})
        latencies.append(time.perf_counter() - start)


async def _seal_lag(database: Database) -> float:
    """How long the oldest unsealed event has waited, in seconds (0 without a sealer)."""
    if not hasattr(audit.AuditEvent, "seq"):
        return 0.0
    async with database.session(write=False) as session:
        oldest = await session.scalar(
            select(func.min(audit.AuditEvent.occurred_at)).where(audit.AuditEvent.seq.is_(None))
        )
    return 0.0 if oldest is None else (datetime.now(UTC) - oldest).total_seconds()


async def _round(database: Database, writers: int, seconds: float, events: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lag = 0.0
    until = time.perf_counter() + seconds
    tasks = [asyncio.create_task(_writer(database, until, events, latencies)) for _ in range(writers)]
    while not all(t.done() for t in tasks):
        await asyncio.sleep(0.2)
        lag = max(lag, await _seal_lag(database))
    await asyncio.gather(*tasks)
    return latencies, lag


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--events", type=int, default=2, help="Audit events per transaction.")
    parser.add_argument(
        "--backlog", type=int, default=20_000, help="Events left unsealed, then sealed by one sealer."
    )
    args = parser.parse_args()
    configure_logging("WARNING", json=False)

    settings = await _fresh_database()
    engine = create_engine(settings)
    await _migrate(engine)
    database = Database(engine)
    run_sealer: Callable[..., Coroutine[Any, Any, None]] | None = getattr(audit, "run_sealer", None)
    sealer = asyncio.create_task(run_sealer(database)) if run_sealer else None
    print(f"design: {'sealer' if sealer else 'chained at commit'}; {args.events} events per transaction")
    print("writers  tx/s (median)  p50 ms  p95 ms  speed-up  seal lag s (max)")
    base_rate: float | None = None
    try:
        for writers in args.writers:
            rates, p50s, p95s, lag = [], [], [], 0.0
            for _ in range(args.rounds):
                latencies, waited = await _round(database, writers, args.seconds, args.events)
                rates.append(len(latencies) / args.seconds)
                ordered = sorted(latencies)
                p50s.append(ordered[len(ordered) // 2] * 1000)
                p95s.append(ordered[int(len(ordered) * 0.95)] * 1000)
                lag = max(lag, waited)
            rate = statistics.median(rates)
            base_rate = base_rate or rate
            print(
                f"{writers:>7}  {rate:>13.0f}  {statistics.median(p50s):>6.1f}  "
                f"{statistics.median(p95s):>6.1f}  {rate / base_rate:>7.2f}x  {lag:>16.2f}"
            )
    finally:
        if sealer is not None:
            sealer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sealer
    seal_all: Callable[..., Awaitable[int]] | None = getattr(audit, "seal_pending", None)
    if seal_all is not None:
        await seal_all(database)
        # A backlog (say, a sealer stopped for a while) and how fast one sealer catches up.
        for _ in range(args.backlog // 1000):
            async with database.session() as session:
                for i in range(1000):
                    audit.record(session, "bench.backlog", "bench", i, changes={"after": {"n": i}})
        start = time.perf_counter()
        sealed = await seal_all(database)
        print(
            f"sealer: a backlog of {sealed} events sealed at {sealed / (time.perf_counter() - start):.0f}/s"
        )
    async with database.session(write=False) as session:
        result: Any = await audit.verify(session)
    print(f"verify: {result}")
    await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
