"""`python -m bench.imports`: villages imported from XLSX and NDJSON through the real path (the API
takes the file, a `qcdc worker` process runs the job as its asker), against a raw `COPY` of the same
rows in the same run; and the worker's peak memory.

The database is the benchmark's own (`QCDC_BENCH_DATABASE_NAME`, default `qcdc_bench_imports`):
the official 2025 units, then the villages of every commune. Each file is imported into a database
without them (the previous format's rows are deleted first), in `all` mode: one transaction, every
row through the same service as the API (parent rules, duplicate code, audit).

Ratios, not milliseconds: the machine is shared. `import ÷ COPY` is rows/s of the import over
rows/s of COPY of the very same rows (with the same columns the service fills) into the same table.
"""

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import xlsxwriter

from bench import seed

os.environ.setdefault("QCDC_BENCH_DATABASE_NAME", "qcdc_bench_imports")
RESULTS = Path(__file__).with_name("results")
KIND_VI = {"village": "Thôn", "residential_group": "Tổ dân phố"}
HEADERS = ("Mã", "Tên", "Loại", "Mã đơn vị cấp trên")


@dataclass(frozen=True)
class Measured:
    what: str
    rows: int
    seconds: float
    rows_per_second: float
    ratio_to_copy: float | None
    worker_peak_rss_mb: float | None
    result: dict[str, Any] | None


def _rows_of(
    records: list[tuple[object, ...]], parents: dict[object, str]
) -> list[tuple[str, str, str, str]]:
    at = {name: i for i, name in enumerate(seed.COPY_COLUMNS)}
    return [
        (str(r[at["code"]]), str(r[at["name"]]), KIND_VI[str(r[at["kind"]])], parents[r[at["parent_id"]]])
        for r in records
    ]


def write_xlsx(rows: list[tuple[str, str, str, str]], path: Path) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Dữ liệu")
    sheet.write_row(0, 0, HEADERS)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    book.close()


def write_ndjson(rows: list[tuple[str, str, str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(dict(zip(HEADERS, row, strict=True)), ensure_ascii=False) + "\n")


async def copy_baseline(dsn: str, records: list[tuple[object, ...]]) -> float:
    """Seconds to COPY the rows into `units` (then rolled back: the imports start without them)."""
    connection = await asyncpg.connect(dsn)
    try:
        transaction = connection.transaction()
        await transaction.start()
        started = time.perf_counter()
        await connection.copy_records_to_table("units", records=records, columns=seed.COPY_COLUMNS)
        seconds = time.perf_counter() - started
        await transaction.rollback()
    finally:
        await connection.close()
    return seconds


async def delete_villages(dsn: str) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("DELETE FROM units WHERE kind IN ('village', 'residential_group')")
        await connection.execute("VACUUM (ANALYZE) units")
    finally:
        await connection.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def import_file(base: str, token: str, path: Path) -> tuple[float, dict[str, Any]]:
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=600
    ) as http:
        started = time.perf_counter()
        with path.open("rb") as content:
            submitted = await http.post(
                "/api/v1/imports",
                data={"resource": "units", "mode": "all", "dry_run": "false"},
                files={"file": (path.name, content)},
                headers={"Idempotency-Key": secrets.token_hex(16)},
            )
        submitted.raise_for_status()
        job_id = submitted.json()["id"]
        while True:
            job = (await http.get(f"/api/v1/jobs/{job_id}")).json()
            if job["state"] in ("succeeded", "failed", "cancelled"):
                break
            await asyncio.sleep(0.5)
        seconds = time.perf_counter() - started
    if job["state"] != "succeeded" or not job["result"].get("applied"):
        raise RuntimeError(f"the import of {path.name} did not apply: {json.dumps(job)[:2000]}")
    return seconds, job["result"]


async def prepare(
    villages: int, folder: Path
) -> tuple[str, str, str, list[tuple[object, ...]], int, dict[str, Path], float]:
    """The database, the token, the files and the COPY baseline."""
    secret = secrets.token_urlsafe(32)
    url = await seed.recreate_database(seed.server_url())
    dsn = seed.driver_url(url)
    print("migrating and loading the official units…", flush=True)
    seed.migrate(url, secret)
    await seed.load_official(url, secret)

    connection = await asyncpg.connect(dsn)
    try:
        communes = await connection.fetch(
            """SELECT c.id, c.code, c.kind, c.path, c.depth, c.latitude, c.longitude, p.code AS province_code
               FROM units c JOIN units p ON p.id = c.parent_id
               WHERE c.code_system = 'decision_19_2025' AND c.status = 'active'
                 AND c.kind IN ('commune', 'ward', 'special_zone')
               ORDER BY c.code"""
        )
    finally:
        await connection.close()
    records = seed._village_rows(list(communes), villages)
    rows = _rows_of(records, {c["id"]: c["code"] for c in communes})
    files = {"xlsx": folder / "villages.xlsx", "ndjson": folder / "villages.ndjson"}
    write_xlsx(rows, files["xlsx"])
    write_ndjson(rows, files["ndjson"])
    print(
        f"{len(rows):,} villages; files: "
        + ", ".join(f"{k} {p.stat().st_size / 1e6:.1f} MB" for k, p in files.items()),
        flush=True,
    )

    copy_seconds = await copy_baseline(dsn, records)
    return url, dsn, secret, records, len(rows), files, copy_seconds


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--villages", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qcdc-bench-imports-"))
    url, dsn, secret, records, imported, files, copy_seconds = asyncio.run(prepare(args.villages, folder))
    token = asyncio.run(seed.bench_token(url, secret))
    copy_rate = len(records) / copy_seconds
    measured = [Measured("COPY (baseline)", len(records), copy_seconds, copy_rate, 1.0, None, None)]

    env = seed.app_env(url, secret) | {
        "QCDC_DATA_DIR": str(folder / "data"),
        "QCDC_IMPORT_MAX_ROWS": str(2_000_000),
    }
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
        for fmt, path in files.items():
            asyncio.run(delete_villages(dsn))
            # A fresh worker per file: its peak memory is this import's.
            worker = subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], cwd=seed.ROOT, env=env)
            try:
                seconds, result = asyncio.run(import_file(base, token, path))
                peak = _peak_rss_mb(worker.pid)
            finally:
                worker.send_signal(signal.SIGINT)
                worker.wait(timeout=60)
            rate = imported / seconds
            measured.append(
                Measured(f"import {fmt}", imported, seconds, rate, rate / copy_rate, peak, result)
            )
            print(
                f"{fmt}: {rate:,.0f} rows/s, ÷ COPY {rate / copy_rate:.3f}, worker peak {peak} MB", flush=True
            )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "imports-latest.json").write_text(
        json.dumps([asdict(m) for m in measured], indent=2, ensure_ascii=False)
    )
    print("| what | rows | s | rows/s | ÷ COPY | worker peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for m in measured:
        ratio = "" if m.ratio_to_copy is None else f"{m.ratio_to_copy:.3f}"
        rss = "" if m.worker_peak_rss_mb is None else f"{m.worker_peak_rss_mb:.0f}"
        print(f"| {m.what} | {m.rows:,} | {m.seconds:.1f} | {m.rows_per_second:,.0f} | {ratio} | {rss} |")


if __name__ == "__main__":
    main()
