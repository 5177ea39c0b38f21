"""`python -m bench.imports`: villages (`--resource units`) or petitions (`--resource petitions`)
imported from XLSX and NDJSON through the real path (the API takes the file, a `qcdc worker` process
runs the job as its asker), against a raw `COPY` of the same rows in the same run; and the worker's
peak memory.

The database is the benchmark's own (`QCDC_BENCH_DATABASE_NAME`, default `qcdc_bench_imports`):
the official 2025 units, then the villages of every commune, or the petitions received by them
(the main benchmark's generator, bench/petitions.py). Each file is imported into a database
without them (the previous format's rows are deleted first), in `all` mode: one transaction, every
row through the same service as the API (units: parent rules, duplicate code, audit; petitions:
external reference, reference number, time limits, petitioners or the confidential denouncers,
case event, audit).

Ratios, not milliseconds: the machine is shared. `import ÷ COPY` is rows/s of the import over
rows/s of COPY of the very same rows (with the same columns the service fills) into the same table.
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
import xlsxwriter

from api.petitions.imports import CHANNEL_LABELS, COLUMNS, KIND_LABELS
from bench import petitions, seed

os.environ.setdefault("QCDC_BENCH_DATABASE_NAME", "qcdc_bench_imports")
RESULTS = Path(__file__).with_name("results")
KIND_VI = {"village": "Thôn", "residential_group": "Tổ dân phố"}
HEADERS = ("Mã", "Tên", "Loại", "Mã đơn vị cấp trên")


@dataclass(frozen=True)
class Prepared:
    """The database, the files to import and the COPY baseline of their rows."""

    url: str
    dsn: str
    secret: str
    rows: int
    files: dict[str, Path]
    copy_rows: int
    copy_seconds: float


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


def write_xlsx(rows: list[tuple[str | None, ...]], path: Path, headers: tuple[str, ...] = HEADERS) -> None:
    """The template's sheet: a header row, then one row per record (a None cell left blank)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Dữ liệu")
    sheet.write_row(0, 0, headers)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    book.close()


def write_ndjson(rows: list[tuple[str | None, ...]], path: Path, headers: tuple[str, ...] = HEADERS) -> None:
    """One object a line, keyed by the template's headers (a None cell left out)."""
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            record = {h: v for h, v in zip(headers, row, strict=True) if v is not None}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


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


async def import_file(base: str, token: str, resource: str, path: Path) -> tuple[float, dict[str, Any]]:
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=600
    ) as http:
        started = time.perf_counter()
        with path.open("rb") as content:
            submitted = await http.post(
                "/api/v1/imports",
                data={"resource": resource, "mode": "all", "dry_run": "false"},
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


async def _setup() -> tuple[str, str, str]:
    """A fresh database with the official units: (URL, asyncpg DSN, secret key)."""
    secret = secrets.token_urlsafe(32)
    url = await seed.recreate_database(seed.server_url())
    print("migrating and loading the official units…", flush=True)
    seed.migrate(url, secret)
    await seed.load_official(url, secret)
    return url, seed.driver_url(url), secret


def _sizes(files: dict[str, Path]) -> str:
    return ", ".join(f"{k} {p.stat().st_size / 1e6:.1f} MB" for k, p in files.items())


async def prepare_units(villages: int, folder: Path) -> Prepared:
    """The database, the village files and the COPY baseline."""
    url, dsn, secret = await _setup()
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
    rows: list[tuple[str | None, ...]] = list(_rows_of(records, {c["id"]: c["code"] for c in communes}))
    files = {"xlsx": folder / "villages.xlsx", "ndjson": folder / "villages.ndjson"}
    write_xlsx(rows, files["xlsx"])
    write_ndjson(rows, files["ndjson"])
    print(f"{len(rows):,} villages; files: {_sizes(files)}", flush=True)
    copy_seconds = await copy_baseline(dsn, records)
    return Prepared(url, dsn, secret, len(rows), files, len(records), copy_seconds)


# Petitions -----------------------------------------------------------------------------------

IMPORT_SOURCE = "motcua-bench"
PETITION_HEADERS = tuple(c.header_vi for c in COLUMNS)
_KIND_VI = {kind: labels[0] for kind, labels in KIND_LABELS.items()}
_CHANNEL_VI = {channel: labels[0] for channel, labels in CHANNEL_LABELS.items()}


# The 2025 communes exist from the reform on: a case received by one earlier is refused
# (`date_outside_unit_life`), so the files' cases are received since.
REFORM = date(2025, 7, 1)


class SinceReform(petitions.Generator):
    """The main benchmark's generator, its days of receipt squeezed into [REFORM, today]."""

    def _received(self) -> date:
        day = super()._received()
        span, since = (self.today - petitions.START).days, (self.today - REFORM).days
        return REFORM + timedelta(days=(day - petitions.START).days * since // span)


def _yes_no(value: object) -> str | None:
    return None if value is None else ("Có" if value else "Không")


@dataclass
class PetitionRows:
    """The file's rows, and what COPY writes for them: cases, petitioners and time limits."""

    cells: list[tuple[str | None, ...]]
    cases: list[tuple[Any, ...]]
    petitioners: list[tuple[Any, ...]]
    deadlines: list[tuple[Any, ...]]


def petition_rows(generator: SinceReform, total: int) -> PetitionRows:
    """`total` cases of the main benchmark's generator as a one-stop system would send them: the
    receiving commune, kind, channel, day, category, texts, flags and the petitioners (for a
    denunciation that is not anonymous, one denouncer, which the service keeps apart), each with
    an external reference. The COPY rows are the generator's own (statuses walked through the
    workflow, as the main benchmark loads them) with the same external references."""
    at = {name: i for i, name in enumerate(petitions.PETITION_COLUMNS)}
    communes = {c.id: c for c in generator.communes}
    out = PetitionRows([], [], [], [])
    for index in range(total):
        row, people, clocks = generator.case()
        v = dict(zip(petitions.PETITION_COLUMNS, row, strict=True))
        commune = communes[v["receiving_unit_id"]]
        external_id = f"MC-{index + 1:07d}"
        case = list(row)
        case[at["external_source"]], case[at["external_id"]] = IMPORT_SOURCE, external_id
        out.cases.append(tuple(case))
        out.petitioners += people
        out.deadlines += clocks
        cells_of = people
        if v["kind"] == "denunciation" and not v["anonymous"]:
            cells_of, _, _ = generator._petitioners(v["id"], commune, 1)
        first = cells_of[0] if cells_of else None
        # Name | identity number | address | phone (PETITIONER_COLUMNS: full_name 2, address 3, number 4, phone 5).
        others = "; ".join(" | ".join(str(p[i] or "") for i in (2, 4, 3, 5)) for p in cells_of[1:]) or None
        received: Any = v["received_on"]
        cells: dict[str, str | None] = {
            "external_source": IMPORT_SOURCE,
            "external_id": external_id,
            "kind": _KIND_VI[v["kind"]],
            "channel": _CHANNEL_VI[v["channel"]],
            "received_on": received.strftime("%d/%m/%Y"),
            "receiving_unit": commune.code,
            "category": v["category_code"],
            "subject": v["subject"],
            "content": v["content"],
            "complex": _yes_no(v["complex"]),
            "remote_area": _yes_no(v["remote_area"]),
            "head_count": str(v["head_count"]) if v["head_count"] != 1 else None,
            "petitioner_name": first[2] if first else None,
            "petitioner_identity_number": first[4] if first else None,
            "petitioner_address": first[3] if first else None,
            "petitioner_phone": first[5] if first else None,
            "petitioner_representative": "Có" if first and first[7] else None,
            "other_petitioners": others,
        }
        out.cells.append(tuple(cells.get(c.key) for c in COLUMNS))
    return out


async def copy_petitions(dsn: str, rows: PetitionRows) -> float:
    """Seconds to COPY the cases, their petitioners and time limits (then rolled back)."""
    connection = await asyncpg.connect(dsn)
    try:
        transaction = connection.transaction()
        await transaction.start()
        started = time.perf_counter()
        await connection.copy_records_to_table(
            "petitions", records=rows.cases, columns=petitions.PETITION_COLUMNS
        )
        await connection.copy_records_to_table(
            "petitioners", records=rows.petitioners, columns=petitions.PETITIONER_COLUMNS
        )
        await connection.copy_records_to_table(
            "petition_deadlines", records=rows.deadlines, columns=petitions.DEADLINE_COLUMNS
        )
        seconds = time.perf_counter() - started
        await transaction.rollback()
    finally:
        await connection.close()
    return seconds


async def prepare_petitions(total: int, folder: Path) -> Prepared:
    """The database, the petition files and the COPY baseline."""
    url, dsn, secret = await _setup()
    connection = await asyncpg.connect(dsn)
    try:
        rng = random.Random(petitions.SEED)
        generator = SinceReform(
            await petitions._communes(connection, rng),
            await petitions._rules(connection),
            await petitions._calendar(connection),
            {},  # no reception sessions: the file has no column for one (those cases come by mail)
            secret,
            date.today(),
            total,
        )
    finally:
        await connection.close()
    rows = petition_rows(generator, total)
    files = {"xlsx": folder / "petitions.xlsx", "ndjson": folder / "petitions.ndjson"}
    write_xlsx(rows.cells, files["xlsx"], PETITION_HEADERS)
    write_ndjson(rows.cells, files["ndjson"], PETITION_HEADERS)
    print(
        f"{total:,} petitions ({len(rows.petitioners):,} petitioners, {len(rows.deadlines):,} time limits "
        f"in COPY); files: {_sizes(files)}",
        flush=True,
    )
    copy_seconds = await copy_petitions(dsn, rows)
    return Prepared(url, dsn, secret, total, files, total, copy_seconds)


async def delete_petitions(dsn: str) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        # Petitioners, denouncers, time limits and events go with their case (ON DELETE CASCADE).
        await connection.execute("DELETE FROM petitions")
        await connection.execute("DELETE FROM petition_reference_counters")
        await connection.execute("VACUUM (ANALYZE)")
    finally:
        await connection.close()


async def written(dsn: str, resource: str) -> dict[str, int]:
    """What the import wrote, table by table."""
    tables = (
        ("units",)
        if resource == "units"
        else ("petitions", "petitioners", "denouncer_identities", "petition_deadlines", "petition_events")
    )
    connection = await asyncpg.connect(dsn)
    try:
        return {t: await connection.fetchval(f"SELECT count(*) FROM {t}") for t in tables}
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--resource", choices=("units", "petitions"), default="units")
    parser.add_argument("--rows", type=int, help="rows to import (units: villages; 100,000 by default)")
    parser.add_argument("--villages", type=int, help="the same as --rows, for --resource units")
    parser.add_argument(
        "--formats", default="xlsx,ndjson", help="the files to import, in this order (default: xlsx,ndjson)"
    )
    args = parser.parse_args()
    rows = args.rows or args.villages or (100_000 if args.resource == "units" else 10_000)
    folder = Path(tempfile.mkdtemp(prefix="qcdc-bench-imports-"))
    prepared = asyncio.run(
        prepare_units(rows, folder) if args.resource == "units" else prepare_petitions(rows, folder)
    )
    clear = delete_villages if args.resource == "units" else delete_petitions
    token = asyncio.run(seed.bench_token(prepared.url, prepared.secret))
    copy_rate = prepared.copy_rows / prepared.copy_seconds
    measured = [
        Measured("COPY (baseline)", prepared.copy_rows, prepared.copy_seconds, copy_rate, 1.0, None, None)
    ]

    env = seed.app_env(prepared.url, prepared.secret) | {
        "QCDC_DATA_DIR": str(folder / "data"),
        "QCDC_IMPORT_MAX_ROWS": str(2_000_000),
        # A million petitions: 1.3 GB of NDJSON, an XLSX whose sheet unpacks to 1.6 GB.
        "QCDC_IMPORT_MAX_BYTES": str(4 * 1024**3),
        "QCDC_IMPORT_MAX_UNPACKED_BYTES": str(4 * 1024**3),
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
        for fmt in args.formats.split(","):
            path = prepared.files[fmt]
            asyncio.run(clear(prepared.dsn))
            # A fresh worker per file: its peak memory is this import's.
            worker = subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], cwd=seed.ROOT, env=env)
            try:
                seconds, result = asyncio.run(import_file(base, token, args.resource, path))
                peak = _peak_rss_mb(worker.pid)
            finally:
                worker.send_signal(signal.SIGINT)
                worker.wait(timeout=60)
            result = {**result, "written": asyncio.run(written(prepared.dsn, args.resource))}
            rate = prepared.rows / seconds
            measured.append(
                Measured(f"import {fmt}", prepared.rows, seconds, rate, rate / copy_rate, peak, result)
            )
            print(
                f"{fmt}: {rate:,.0f} rows/s, ÷ COPY {rate / copy_rate:.4f}, worker peak {peak} MB", flush=True
            )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)

    RESULTS.mkdir(exist_ok=True)
    name = "imports-latest.json" if args.resource == "units" else f"imports-{args.resource}-latest.json"
    (RESULTS / name).write_text(
        json.dumps([asdict(m) for m in measured], indent=2, ensure_ascii=False, default=str)
    )
    print("| what | rows | s | rows/s | ÷ COPY | worker peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for m in measured:
        ratio = "" if m.ratio_to_copy is None else f"{m.ratio_to_copy:.4f}"
        rss = "" if m.worker_peak_rss_mb is None else f"{m.worker_peak_rss_mb:.0f}"
        print(f"| {m.what} | {m.rows:,} | {m.seconds:.1f} | {m.rows_per_second:,.0f} | {ratio} | {rss} |")


if __name__ == "__main__":
    main()
