"""`python -m bench.exports`: the petitions list exported through the real path, as an export job
(`POST /api/v1/exports` to a uvicorn server, a `qcdc worker` process writing the file as the asker,
then the file downloaded), in CSV and XLSX; rows/s, the file's size and the worker's peak memory;
and, as the baseline, the list's own export in the request (`GET /api/v1/petitions?format=…`) for
a part of it under `QCDC_EXPORT_SYNC_MAX_ROWS`.

The database is the benchmark's own (`QCDC_BENCH_DATABASE_NAME`, default `qcdc_bench_exports`): the
official 2025 units and N petitions of the main benchmark's generator, loaded by COPY
(bench/petitions.py: petitioners, time limits, reception sessions; indexes rebuilt, ANALYZE).

Ratios, not seconds: the machine is shared. `÷ request` is the job's rows/s over the request's
rows/s for the same format, in the same run.
"""

import argparse
import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx

os.environ.setdefault("QCDC_BENCH_DATABASE_NAME", "qcdc_bench_exports")

# (seed reads the database name when imported, hence after the default above)
from bench import petitions, seed
from bench.imports import _free_port, _peak_rss_mb

RESULTS = Path(__file__).with_name("results")
LIST = "/api/v1/petitions"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Measured:
    what: str
    rows: int
    seconds: float
    rows_per_second: float
    file_mb: float
    ratio_to_request: float | None
    peak_rss_mb: float | None
    # A job's time split: waiting and writing the file (submit → succeeded), then the download;
    # and the job's own run (its started_at → finished_at: no worker start, no queue wait).
    job_seconds: float | None = None
    download_seconds: float | None = None
    run_seconds: float | None = None
    run_rows_per_second: float | None = None


async def load(rows: int) -> tuple[str, str, dict[str, Any]]:
    """A fresh database with the official units and `rows` petitions: (URL, secret, load stats)."""
    secret = secrets.token_urlsafe(32)
    url = await seed.recreate_database(seed.server_url())
    print("migrating and loading the official units…", flush=True)
    seed.migrate(url, secret)
    await seed.load_official(url, secret)
    print(f"loading {rows:,} petitions by COPY…", flush=True)
    stats = await petitions.add_petitions(url, rows, secret, date.today())
    print(f"loaded in {stats.seconds}", flush=True)
    return url, secret, {"petitions": stats.petitions, "petitioners": stats.petitioners, **stats.seconds}


async def part_filter(dsn: str, wanted: int) -> tuple[str, int]:
    """`received_from=…` naming the newest cases, at most `wanted` of them: (the filter, its rows)."""
    connection = await asyncpg.connect(dsn)
    try:
        edge = await connection.fetchval(
            "SELECT received_on FROM petitions ORDER BY received_on DESC OFFSET $1 LIMIT 1", wanted
        )
        if edge is None:
            return "", int(await connection.fetchval("SELECT count(*) FROM petitions"))
        count = await connection.fetchval("SELECT count(*) FROM petitions WHERE received_on > $1", edge)
        return f"received_from={date.fromordinal(edge.toordinal() + 1).isoformat()}", int(count)
    finally:
        await connection.close()


@contextmanager
def serving(env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A uvicorn server of the app (one process): its base URL and process."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=seed.ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield base, server
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


async def request_export(base: str, token: str, query: str, fmt: str, out: Path) -> float:
    """Seconds to receive the list as a file in the request itself."""
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=3600
    ) as http:
        started = time.perf_counter()
        async with http.stream("GET", f"{LIST}?{query}&format={fmt}".replace("?&", "?")) as response:
            if response.status_code != 200:
                await response.aread()
                raise RuntimeError(
                    f"the request's export answered {response.status_code}: {response.text[:2000]}"
                )
            with out.open("wb") as file:
                async for chunk in response.aiter_bytes():
                    file.write(chunk)
        return time.perf_counter() - started


async def job_export(
    base: str, token: str, query: str, fmt: str, out: Path
) -> tuple[float, float, dict[str, Any]]:
    """Seconds from the POST to the job's success, seconds of the download, and the job's result."""
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=3600
    ) as http:
        started = time.perf_counter()
        submitted = await http.post(
            "/api/v1/exports",
            json={"list": f"{LIST}?{query}" if query else LIST, "format": fmt},
            headers={"Idempotency-Key": secrets.token_hex(16)},
        )
        if submitted.status_code != 202:
            raise RuntimeError(f"the export was refused: {submitted.status_code} {submitted.text[:2000]}")
        job_id = submitted.json()["id"]
        while True:
            job = (await http.get(f"/api/v1/jobs/{job_id}")).json()
            if job["state"] in ("succeeded", "failed", "cancelled"):
                break
            await asyncio.sleep(0.5)
        done = time.perf_counter()
        if job["state"] != "succeeded":
            raise RuntimeError(f"the export job did not succeed: {json.dumps(job)[:2000]}")
        async with http.stream("GET", f"/api/v1/exports/{job_id}/file") as response:
            response.raise_for_status()
            with out.open("wb") as file:
                async for chunk in response.aiter_bytes():
                    file.write(chunk)
        downloaded = time.perf_counter()
    run = datetime.fromisoformat(job["finished_at"]) - datetime.fromisoformat(job["started_at"])
    return (
        done - started,
        downloaded - done,
        {**(job.get("result") or {}), "run_seconds": run.total_seconds()},
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.exports", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="petitions loaded and exported")
    parser.add_argument(
        "--request-rows", type=int, default=50_000, help="rows of the baseline, exported in the request"
    )
    parser.add_argument("--formats", default=",".join(FORMATS), help="csv, xlsx or both (comma-separated)")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    folder = Path(tempfile.mkdtemp(prefix="qcdc-bench-exports-"))
    url, secret, loaded = asyncio.run(load(args.rows))
    dsn = seed.driver_url(url)
    token = asyncio.run(seed.bench_token(url, secret))
    part, part_rows = asyncio.run(part_filter(dsn, args.request_rows))
    # An export job writes its file next to the data directory's files (api/exports/service.py
    # `write_file`), which fails while that directory does not exist yet: made here.
    (folder / "data").mkdir()
    env = seed.app_env(url, secret) | {
        "QCDC_DATA_DIR": str(folder / "data"),
        "QCDC_EXPORT_JOB_MAX_ROWS": str(max(args.rows, 5_000_000)),
    }
    measured: list[Measured] = []
    for fmt in formats:
        # The baseline: the same list, a part of it, in the request; a fresh server so that its
        # peak memory is this export's.
        with serving(env) as (base, server):
            out = folder / f"request.{fmt}"
            seconds = asyncio.run(request_export(base, token, part, fmt, out))
            peak = _peak_rss_mb(server.pid)
        request_rate = part_rows / seconds
        measured.append(
            Measured(
                f"request {fmt} ({part})",
                part_rows,
                seconds,
                request_rate,
                out.stat().st_size / 1e6,
                1.0,
                peak,
            )
        )
        print(f"request {fmt}: {part_rows:,} rows in {seconds:.1f} s, {request_rate:,.0f} rows/s", flush=True)
        out.unlink()
        with serving(env) as (base, _server):
            # A fresh worker per export: its peak memory is this export's.
            worker = subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], cwd=seed.ROOT, env=env)
            try:
                out = folder / f"job.{fmt}"
                job_seconds, download_seconds, result = asyncio.run(job_export(base, token, "", fmt, out))
                peak = _peak_rss_mb(worker.pid)
            finally:
                worker.send_signal(signal.SIGINT)
                worker.wait(timeout=60)
        seconds = job_seconds + download_seconds
        rows = int(result.get("rows") or args.rows)
        rate, run_seconds = rows / seconds, float(result["run_seconds"])
        measured.append(
            Measured(
                f"job {fmt}",
                rows,
                seconds,
                rate,
                out.stat().st_size / 1e6,
                rate / request_rate,
                peak,
                job_seconds,
                download_seconds,
                run_seconds,
                rows / run_seconds,
            )
        )
        print(
            f"job {fmt}: {rows:,} rows in {seconds:.1f} s ({job_seconds:.1f} + download {download_seconds:.1f}), "
            f"{rate:,.0f} rows/s (the job's run {run_seconds:.1f} s, {rows / run_seconds:,.0f} rows/s), "
            f"÷ request {rate / request_rate:.2f}, worker peak {peak} MB; result {result}",
            flush=True,
        )
        out.unlink()

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "exports-latest.json").write_text(
        json.dumps(
            {"rows": args.rows, "loaded": loaded, "measured": [asdict(m) for m in measured]},
            indent=2,
            ensure_ascii=False,
        )
    )
    print("| what | rows | s | rows/s | job's run s | its rows/s | file MB | ÷ request | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m in measured:
        ratio = "" if m.ratio_to_request is None else f"{m.ratio_to_request:.2f}"
        rss = "" if m.peak_rss_mb is None else f"{m.peak_rss_mb:.0f}"
        run = "" if m.run_seconds is None else f"{m.run_seconds:.1f}"
        run_rate = "" if m.run_rows_per_second is None else f"{m.run_rows_per_second:,.0f}"
        print(
            f"| {m.what} | {m.rows:,} | {m.seconds:.1f} | {m.rows_per_second:,.0f} | {run} | {run_rate} "
            f"| {m.file_mb:.1f} | {ratio} | {rss} |"
        )


if __name__ == "__main__":
    main()
