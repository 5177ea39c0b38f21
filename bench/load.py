"""Load generators: wrk against the HTTP server, and the same SQL straight on asyncpg."""

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import uvloop

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")


@dataclass(frozen=True)
class Measurement:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Statement:
    """One statement as the app sends it (bind parameters, prepared by asyncpg) and as readable SQL."""

    sql: str
    params: tuple[Any, ...]
    literal: str


def ensure_wrk() -> str:
    """Debian's wrk, installed on first use."""
    found = shutil.which("wrk")
    if found:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(install, env=env, stdout=subprocess.DEVNULL, check=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is not installed and apt-get could not install it")
    return found


def wrk(
    url: str,
    connections: int,
    seconds: int,
    token: str,
    script: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Every request carries the bench administrator's token: authentication is part of the cost.

    `script` makes the requests (a POST with its body, say); the summary is printed either way."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write((script.read_text() + "\n" if script else "") + WRK_SCRIPT.read_text())
        lua.flush()
        command = [
            "wrk",
            "-H",
            f"Authorization: Bearer {token}",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            lua.name,
            url,
        ]
        out = subprocess.run(
            command, capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
        ).stdout
    line = next((x for x in out.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary for {url}:\n{out}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    elapsed = data["duration_us"] / 1e6
    return Measurement(
        requests=data["requests"],
        seconds=round(elapsed, 3),
        rps=round(data["requests"] / elapsed, 1),
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=data["errors"] + data["non_2xx"],
    )


def _percentile(sorted_values: Sequence[float], q: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


# The statements of one request, or a function that makes them anew for each (a create's new ids).
Workload = Sequence[Statement] | Callable[[], Sequence[Statement]]


async def _drive(
    pool: asyncpg.Pool, workload: Workload, connections: int, seconds: float, transaction: bool
) -> Measurement:
    deadline = time.perf_counter() + seconds

    async def run(connection: asyncpg.Connection, statements: Sequence[Statement]) -> None:
        for statement in statements:
            await connection.fetch(statement.sql, *statement.params)

    async def client() -> list[float]:
        latencies = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            statements = workload() if callable(workload) else workload
            async with pool.acquire() as connection:
                if transaction:
                    async with connection.transaction():
                        await run(connection, statements)
                else:
                    await run(connection, statements)
            latencies.append(time.perf_counter() - started)
        return latencies

    started = time.perf_counter()
    per_client = await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies = sorted(x for each in per_client for x in each)
    return Measurement(
        requests=len(latencies),
        seconds=round(elapsed, 3),
        rps=round(len(latencies) / elapsed, 1),
        p50_ms=round(_percentile(latencies, 0.50) * 1000, 3),
        p95_ms=round(_percentile(latencies, 0.95) * 1000, 3),
        p99_ms=round(_percentile(latencies, 0.99) * 1000, 3),
        errors=0,
    )


async def _direct(
    dsn: str, workload: Workload, connections: int, warmup: int, seconds: int, transaction: bool
) -> Measurement:
    pool = await asyncpg.create_pool(dsn, min_size=connections, max_size=connections)
    try:
        await _drive(pool, workload, connections, warmup, transaction)
        return await _drive(pool, workload, connections, seconds, transaction)
    finally:
        await pool.close()


def direct_sql(
    dsn: str,
    workload: Workload,
    connections: int,
    warmup: int,
    seconds: int,
    transaction: bool = False,
) -> Measurement:
    """`connections` tasks running the statements back to back over a pool, on uvloop like the server;
    a write runs them in a transaction that commits, as its request does."""
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(_direct(dsn, workload, connections, warmup, seconds, transaction))
