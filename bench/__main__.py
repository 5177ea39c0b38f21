"""`python -m bench`: seed PostgreSQL, serve the real app, measure, and write bench/results/latest.*"""

import argparse
import asyncio
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType
from typing import IO, Any
from urllib.parse import quote

from api.core import clock
from api.core.pagination import CursorCodec
from api.core.security import read_access_token
from bench import committees, inspections, petition_sql, petitions, seed, server, sql
from bench.load import Measurement, Statement, Workload, direct_sql, ensure_wrk, wrk
from bench.report import BARE, BARE_LAST, BARE_READ, BARE_WRITE, Endpoint, Round, markdown, summarize
from bench.server import BARE_LAST_PATH, BARE_PATH, BARE_READ_PATH, BARE_WRITE_PATH, STATS_PATH

RESULTS = Path(__file__).with_name("results")
API = "/api/v1/units"
PETITIONS = "/api/v1/petitions"
INSPECTIONS = "/api/v1/inspections"
COMMITTEES = "/api/v1/committees"
SEARCHES = {"search_narrow": "thuc phan", "search_broad": "hoa"}
# Two words an officer types to find the encroachment cases (lấn chiếm), without diacritics.
PETITION_QUERY = "lan chiem"
CREATE_SCRIPT = Path(__file__).with_name("wrk_create.lua")
POST_SCRIPT = Path(__file__).with_name("wrk_post.lua")
# Read endpoints measured again under two workers, with the floor for reference.
TWO_WORKERS = (BARE, "unit", "petition", "commune_first")
STARTED = time.monotonic()


def step(message: str) -> None:
    elapsed = int(time.monotonic() - STARTED)
    print(f"[{elapsed // 60:02d}:{elapsed % 60:02d}] {message}", flush=True)


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--rounds", type=int, default=3, help="Repeat every measurement; medians are reported."
    )
    parser.add_argument("--duration", type=int, default=8, help="Seconds measured per run.")
    parser.add_argument("--warmup", type=int, default=2, help="Seconds of discarded load before each run.")
    parser.add_argument(
        "--connections", type=int, default=16, help="wrk connections and concurrent SQL tasks."
    )
    parser.add_argument(
        "--villages", type=int, default=100_000, help="Synthetic villages and residential groups."
    )
    parser.add_argument(
        "--deep-pages", type=int, default=40, help="How many pages in the deep subtree page is."
    )
    parser.add_argument(
        "--inspections",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Seed two years of inspection teams and measure their endpoints (default on).",
    )
    parser.add_argument(
        "--committees",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Seed a People's Inspection Committee per commune, projects with their boards, and measure "
        "the committees' endpoints (default on).",
    )
    parser.add_argument(
        "--petitions",
        type=int,
        default=int(os.environ.get("QCDC_BENCH_PETITIONS", "1000000")),
        help="Synthetic petitions (default QCDC_BENCH_PETITIONS or 1,000,000; 0 skips the petitions endpoints).",
    )
    return parser.parse_args()


def _create_body(today: date) -> str:
    """The JSON of a new complaint, with @UNIT@ and @PERSON@ for the wrk script to fill."""
    body = petition_sql.create_body(uuid.UUID(int=0), today, "000000000000").model_dump(
        mode="json", exclude_none=True
    )
    body["receiving_unit_id"] = "@UNIT@"
    body["petitioners"][0]["identity_number"] = "@PERSON@"
    return json.dumps(body, ensure_ascii=False)


def _get_json(url: str, token: str, method: str = "GET") -> Any:
    request = urllib.request.Request(url, method=method, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def server_stats(base: str, token: str, *, reset: bool = False) -> dict[str, Any]:
    """What the server sent to the database since the last reset, once the requests still in flight
    when wrk stopped have been answered (no connection checked out, no new request answered)."""
    deadline = time.monotonic() + 30
    stats = _get_json(base + STATS_PATH, token)
    while time.monotonic() < deadline:
        time.sleep(0.2)
        again = _get_json(base + STATS_PATH, token)
        if (
            again["requests"] == stats["requests"]
            and again["statements"] == stats["statements"]
            and not again["in_use"]
        ):
            break
        stats = again
    if reset:
        return dict(_get_json(base + STATS_PATH, token, "DELETE"))
    return dict(stats)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def worker_requests(base: str, token: str) -> dict[int, float]:
    """The requests each worker of the server has answered since it started, by process id, from
    bursts of concurrent statistics requests (each on a new connection: the kernel picks the worker
    that accepts it) until two workers have answered."""
    answered: dict[int, float] = {}
    with ThreadPoolExecutor(16) as threads:
        for _ in range(20):
            for stats in threads.map(lambda _: _get_json(base + STATS_PATH, token), range(32)):
                answered[stats["pid"]] = max(answered.get(stats["pid"], 0.0), stats["requests"])
            if len(answered) >= 2:
                break
    return answered


def start_server(
    url: str, secret_key: str, port: int, log: IO[bytes], workers: int, pool_size: int
) -> subprocess.Popen[bytes]:
    options = (
        f"--factory --host 127.0.0.1 --port {port} --workers {workers} --no-access-log --log-level warning"
    )
    command = [sys.executable, "-m", "uvicorn", "bench.server:create", *options.split()]
    env = seed.app_env(url, secret_key, pool_size)
    return subprocess.Popen(command, cwd=seed.ROOT, env=env, stdout=log, stderr=log)


def wait_ready(server: subprocess.Popen[bytes], base: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError("the server exited:\n" + log.read().decode(errors="replace")[-3000:])
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server was not ready within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def deep_cursor(base: str, first_page: str, pages: int, token: str) -> tuple[str, int]:
    """The cursor `pages` pages into a list (or as deep as it goes), and how deep that is."""
    cursor, depth = None, 0
    for _ in range(pages):
        page = _get_json(base + first_page + (f"&cursor={quote(cursor)}" if cursor else ""), token)
        if not page["next_cursor"]:
            break
        cursor, depth = page["next_cursor"], depth + 1
    if cursor is None:
        raise RuntimeError(f"{first_page} has a single page")
    return cursor, depth


# The servers running, stopped on SIGTERM.
_SERVERS: list[subprocess.Popen[bytes]] = []


def _stop_on_sigterm(signum: int, _frame: FrameType | None) -> None:
    """Stop the servers and exit at once: an exception raised from a signal handler in the middle
    of the event loop of a direct-SQL run would leave the loop unable to shut down."""
    for process in _SERVERS:
        stop_server(process)
    step("terminated; servers stopped")
    os._exit(128 + signum)


@contextmanager
def serving(url: str, secret_key: str, workers: int, pool_size: int) -> Iterator[str]:
    """The app under uvicorn on a free port, ready; yields its base URL and stops it on exit."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = start_server(url, secret_key, port, log, workers, pool_size)
        _SERVERS.append(process)
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        try:
            wait_ready(process, base, log)
            step(
                f"server ready on {base} (uvicorn, {workers} worker(s), pool {pool_size} each, "
                "production settings)"
            )
            yield base
        finally:
            stop_server(process)
            _SERVERS.remove(process)
            if not _SERVERS:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
            step(f"server on {base} stopped")


def main() -> None:
    args = _args()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    ensure_wrk()
    step(f"PostgreSQL: fresh database {seed.database_name()}")
    url = asyncio.run(seed.recreate_database(seed.server_url()))
    dsn = seed.driver_url(url)
    secret_key = secrets.token_urlsafe(48)
    seed.migrate(url, secret_key)
    step("loading the official units (both editions, with lineage)")
    asyncio.run(seed.load_official(url, secret_key))
    token = asyncio.run(seed.bench_token(url, secret_key))
    user_id = read_access_token(secret_key, token).subject
    step(f"adding {args.villages:,} synthetic villages and residential groups, then VACUUM ANALYZE")
    villages = asyncio.run(seed.add_villages(url, args.villages))
    targets = asyncio.run(seed.pick_targets(url))
    step(f"{targets.units:,} units; subtree of {targets.province_name}: {targets.province_subtree:,}")
    today = clock.today()
    petition_stats, cases = None, None
    if args.petitions:
        step(
            f"adding {args.petitions:,} petitions with their petitioners, time limits and reception sessions"
        )
        petition_stats = asyncio.run(petitions.add_petitions(url, args.petitions, secret_key, today))
        cases = asyncio.run(petition_sql.pick_targets(dsn, today))
        step(
            f"{petition_stats.petitions:,} petitions ({petition_stats.open:,} open, {petition_stats.overdue:,} "
            f"overdue), {petition_stats.petitioners:,} petitioners, {petition_stats.deadlines:,} time limits, "
            f"{petition_stats.receptions:,} reception sessions in {petition_stats.seconds['total']} s; "
            f"{cases.commune_name}: {cases.commune_cases:,} cases"
        )
    inspection_stats, inspected = None, None
    if args.inspections:
        step("adding two years of inspection teams, their visits and findings")
        inspection_stats = asyncio.run(inspections.add_inspections(url, today))
        inspected = asyncio.run(inspections.pick_targets(dsn))
        step(
            f"{inspection_stats.teams:,} teams, {inspection_stats.visits:,} visits, "
            f"{inspection_stats.findings:,} findings, {inspection_stats.recommendations:,} recommendations "
            f"in {inspection_stats.seconds} s; "
            f"{inspected.province_name}: {inspected.province_teams:,} teams"
        )
    committee_stats, picked = None, None
    if args.committees:
        step(
            "adding a People's Inspection Committee per commune, their terms, members and activities, and projects with their boards"
        )
        committee_stats = asyncio.run(committees.add_committees(url, today))
        picked = asyncio.run(committees.pick_targets(dsn))
        step(
            f"{committee_stats.committees:,} committees ({committee_stats.pics:,} PICs, {committee_stats.boards:,} boards), "
            f"{committee_stats.members:,} members, {committee_stats.activities:,} activities, "
            f"{committee_stats.recommendations:,} recommendations, {committee_stats.projects:,} projects "
            f"in {committee_stats.seconds} s; {picked.province_name}: {picked.province_committees:,} committees"
        )

    province, unit = targets.province_id, targets.unit_id
    subtree = f"{API}?within_unit_id={province}&limit=50"
    # Every server gets the pool size under which the full pools of the three workers of the two
    # servers running at once fit beside the direct SQL's.
    connections = asyncio.run(seed.pool_size(url, 3, args.connections))
    asyncio.run(server.create_writes_table(dsn))
    runs = 0

    def measure(
        at: str, e: Endpoint, create_env: dict[str, str], stats: dict[str, dict[str, float]] | None
    ) -> Measurement:
        """wrk's warm-up then its run; with `stats`, what the server counted over the run."""
        nonlocal runs
        for warmup in (True, False):
            env = {}
            if e.script is not None:
                runs += 1
                env = {**create_env, "BENCH_CREATE_RUN": str(runs)}
            if not warmup and stats is not None:
                server_stats(at, token, reset=True)
            measured = wrk(
                at + e.path,
                e.connections or args.connections,
                args.warmup if warmup else args.duration,
                token,
                e.script,
                env,
            )
        if stats is not None:
            stats[e.key] = {**server_stats(at, token), "wrk_requests": measured.requests}
        return measured

    with serving(url, secret_key, 1, connections.pool_size) as base:
        first_stats = server_stats(base, token)
        routes_before_last = first_stats["routes_before_last"]
        resource_routes_before_last = first_stats["resource_routes_before_last"]
        cursor, depth = deep_cursor(base, subtree, args.deep_pages, token)
        depths = {"units subtree": depth}
        endpoints = [
            Endpoint(BARE, "bare async route, registered first", BARE_PATH),
            Endpoint(BARE_LAST, "bare async route, registered last", BARE_LAST_PATH),
            Endpoint(BARE_READ, "bare read (one SELECT by id, Core)", f"{BARE_READ_PATH}?id={unit}"),
            Endpoint(
                BARE_WRITE, "bare write (POST: INSERT, COMMIT)", BARE_WRITE_PATH, POST_SCRIPT, write=True
            ),
            Endpoint("unit", "unit by id", f"{API}/{unit}"),
            Endpoint("children", "children of a province", f"{API}/{province}/children"),
            Endpoint("subtree_first", "subtree, first page", subtree),
            Endpoint("subtree_deep", f"subtree, page {depth + 1}", f"{subtree}&cursor={quote(cursor)}"),
            *(Endpoint(k, f"search q={q}", f"{API}?q={quote(q)}") for k, q in SEARCHES.items()),
        ]
        codec = CursorCodec(secret_key)
        statements: dict[str, list[Statement]] = asyncio.run(
            sql.endpoint_statements(dsn, province, unit, cursor, codec, SEARCHES)
        )
        plans = {key: asyncio.run(sql.explain(dsn, s)) for key, s in statements.items()}
        workloads: dict[str, Workload] = dict(statements)
        insert, insert_literal = server.bare_write_sql()
        statements[BARE_WRITE] = [Statement(insert, (uuid.UUID(int=0),), insert_literal)]
        select_unit, select_literal = server.bare_read_sql()
        statements[BARE_READ] = [Statement(select_unit, (uuid.UUID(str(unit)),), select_literal)]
        workloads[BARE_READ] = statements[BARE_READ]
        workloads[BARE_WRITE] = lambda: [Statement(insert, (uuid.uuid4(),), insert_literal)]
        create_env: dict[str, str] = {}
        if cases is not None:
            commune = f"{PETITIONS}?within_unit_id={cases.commune_id}&limit=50"
            commune_cursor, commune_depth = deep_cursor(base, commune, args.deep_pages, token)
            depths["petitions of a commune"] = commune_depth
            overdue = f"{PETITIONS}?within_unit_id={cases.province_id}&status=accepted&deadline_state=overdue"
            endpoints += [
                Endpoint("petition", "petition by id", f"{PETITIONS}/{cases.petition_id}"),
                Endpoint(
                    "suggestions",
                    "duplicate suggestions of a case",
                    f"{PETITIONS}/{cases.petition_id}/duplicate-suggestions",
                ),
                Endpoint("commune_first", "petitions of a commune, first page", commune),
                Endpoint(
                    "commune_deep",
                    f"petitions of a commune, page {commune_depth + 1}",
                    f"{commune}&cursor={quote(commune_cursor)}",
                ),
                Endpoint(
                    "province_overdue",
                    "province, accepted and overdue, by due date",
                    f"{overdue}&sort=due_on&limit=50",
                ),
                Endpoint(
                    "search",
                    f"petitions q={PETITION_QUERY}",
                    f"{PETITIONS}?q={quote(PETITION_QUERY)}&limit=50",
                ),
                Endpoint(
                    "create",
                    "create a complaint (POST)",
                    PETITIONS,
                    CREATE_SCRIPT,
                    write=True,
                    baseline=BARE_WRITE,
                ),
            ]
            captured = asyncio.run(
                petition_sql.endpoint_statements(
                    url, secret_key, user_id, cases, commune_cursor, PETITION_QUERY
                )
            )
            replay = asyncio.run(
                petition_sql.capture_create(url, secret_key, user_id, cases.create_units, today)
            )
            statements |= captured | {"create": replay.statements}
            workloads |= captured | {"create": replay.fresh}
            plans |= {key: asyncio.run(petition_sql.explain(dsn, s)) for key, s in captured.items()}
            plans["create"] = asyncio.run(petition_sql.explain(dsn, list(replay.fresh())))
            create_env = {
                "BENCH_CREATE_UNITS": ",".join(str(u.id) for u in cases.create_units),
                "BENCH_CREATE_BODY": _create_body(today),
            }
        if inspected is not None:
            teams = f"{INSPECTIONS}/teams?within_unit_id={inspected.province_id}&limit=50"
            teams_cursor, teams_depth = deep_cursor(base, teams, args.deep_pages, token)
            depths["teams of a province"] = teams_depth
            year = today.year
            coverage = f"{INSPECTIONS}/coverage?within_unit_id={inspected.province_id}&from={year}-01-01&to={year}-12-31"
            endpoints += [
                Endpoint("team", "inspection team by id", f"{INSPECTIONS}/teams/{inspected.team_id}"),
                Endpoint("province_teams_first", "teams of a province, first page", teams),
                Endpoint(
                    "province_teams_deep",
                    f"teams of a province, page {teams_depth + 1}",
                    f"{teams}&cursor={quote(teams_cursor)}",
                ),
                Endpoint(
                    "owner_open",
                    f"recommendations still followed up by a unit ({inspected.owner_open:,})",
                    f"{INSPECTIONS}/recommendations?owner_within_unit_id={inspected.owner_id}"
                    + "".join(f"&status={s}" for s in inspections.OPEN_STATES)
                    + "&limit=50",
                ),
                Endpoint(
                    "province_overdue_recommendations",
                    "overdue recommendations of a province",
                    f"{INSPECTIONS}/recommendations?owner_within_unit_id={inspected.province_id}&overdue=true&limit=50",
                ),
                # The annual review's report as an official opens it: one client, its latency.
                Endpoint(
                    "coverage",
                    f"coverage of {inspected.province_name}, {year}, one client",
                    coverage,
                    connections=1,
                ),
            ]
            captured = asyncio.run(
                inspections.endpoint_statements(url, secret_key, user_id, inspected, teams_cursor, year)
            )
            statements |= captured
            workloads |= captured
            plans |= {key: asyncio.run(petition_sql.explain(dsn, s)) for key, s in captured.items()}
        if picked is not None:
            within = f"within_unit_id={picked.province_id}"
            endpoints += [
                Endpoint("committee", "committee by id", f"{COMMITTEES}/{picked.committee_id}"),
                Endpoint(
                    "province_committees",
                    "committees of a province, first page",
                    f"{COMMITTEES}?{within}&limit=50",
                ),
                # The subtree's compliance report as an official opens it: one client, its latency.
                Endpoint(
                    "compliance",
                    f"compliance of {picked.province_name}, one client",
                    f"{COMMITTEES}/compliance?{within}",
                    connections=1,
                ),
                Endpoint(
                    "committee_summary",
                    "committees in term and members sitting, counted",
                    f"{COMMITTEES}/summary?{within}&on={today.isoformat()}",
                ),
            ]
            captured = asyncio.run(committees.endpoint_statements(url, secret_key, user_id, picked, today))
            statements |= captured
            workloads |= captured
            plans |= {key: asyncio.run(petition_sql.explain(dsn, s)) for key, s in captured.items()}
        bodies = {e.key: _get_json(base + e.path, token) for e in endpoints if not e.write}
        items = {key: len(body["items"]) for key, body in bodies.items() if "items" in body}
        rounds = []
        for number in range(1, args.rounds + 1):
            this = Round({}, {})
            for e in endpoints:
                measured = this.api[e.key] = measure(base, e, create_env, this.stats)
                message = f"round {number}/{args.rounds} {e.label}: {measured.rps:,.0f} req/s"
                if measured.errors:
                    message += f" ({measured.errors} errors)"
                if e.key in workloads:
                    this.sql[e.key] = direct_sql(
                        dsn,
                        workloads[e.key],
                        e.connections or args.connections,
                        args.warmup,
                        args.duration,
                        e.write,
                    )
                    message += f", direct SQL {this.sql[e.key].rps:,.0f}/s"
                step(message)
            rounds.append(this)

        # The same load on two workers, each run right after the same run on one worker, so
        # that both see the same neighbours on this shared machine.
        two_workers: list[dict[str, Measurement]] = []
        one_worker: list[dict[str, Measurement]] = []
        scaled = [e for e in endpoints if e.key in TWO_WORKERS]
        with serving(url, secret_key, 2, connections.pool_size) as two_base:
            # The new workers' connections prepare their statements while one worker's already have.
            for e in scaled:
                measure(two_base, e, create_env, None)
            for number in range(1, args.rounds + 1):
                one: dict[str, Measurement] = {}
                two: dict[str, Measurement] = {}
                for e in scaled:
                    # Each server goes first in every other round.
                    if number % 2:
                        one[e.key] = measure(base, e, create_env, None)
                    two[e.key] = measure(two_base, e, create_env, None)
                    if not number % 2:
                        one[e.key] = measure(base, e, create_env, None)
                    step(
                        f"round {number}/{args.rounds} {e.label}: 1 worker {one[e.key].rps:,.0f} req/s, "
                        f"2 workers {two[e.key].rps:,.0f} req/s"
                    )
                one_worker.append(one)
                two_workers.append(two)
            shares = worker_requests(two_base, token)
            step("requests answered by each worker: " + ", ".join(f"{n:,.0f}" for n in shares.values()))

    meta = {
        "started_at": started_at,
        "git": subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=seed.ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
        "python": platform.python_version(),
        "cpus": len(os.sched_getaffinity(0)),
        "rounds": args.rounds,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "connections": args.connections,
        "deep_pages": depths,
        "pool_size": connections.pool_size,
        "max_connections": connections.max_connections,
        "connections_in_use_before": connections.in_use,
        "routes_before_bare_last": routes_before_last,
        "resource_routes_before_bare_last": resource_routes_before_last,
        "two_workers_requests": list(shares.values()),
        "sql_statements": {key: len(s) for key, s in statements.items()},
        "dataset": {
            **asdict(targets),
            "villages": villages,
            "petitions": asdict(petition_stats) if petition_stats else None,
            "inspections": asdict(inspection_stats) if inspection_stats else None,
            "inspection_targets": asdict(inspected) if inspected else None,
            "committees": asdict(committee_stats) if committee_stats else None,
            "committee_targets": asdict(picked) if picked else None,
            "petition_targets": (
                {k: v for k, v in asdict(cases).items() if k != "create_units"} if cases else None
            ),
        },
        "seeding_seconds": petition_stats.seconds if petition_stats else None,
        "items_per_response": items,
        "total_seconds": round(time.monotonic() - STARTED, 1),
    }
    summary = summarize(endpoints, rounds, one_worker, two_workers)
    table = markdown(summary, plans, meta)
    RESULTS.mkdir(exist_ok=True)
    result = {
        "meta": meta,
        **summary,
        "rounds": [
            {
                "api": {k: m.as_dict() for k, m in r.api.items()},
                "sql": {k: m.as_dict() for k, m in r.sql.items()},
                "server": r.stats,
            }
            for r in rounds
        ],
        "rounds_workers": [
            {"one": {k: m.as_dict() for k, m in one.items()}, "two": {k: m.as_dict() for k, m in two.items()}}
            for one, two in zip(one_worker, two_workers, strict=True)
        ],
        "sql": {k: [s.literal for s in v] for k, v in statements.items()},
        "plans": plans,
    }
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    (RESULTS / "latest.md").write_text(table)
    print("\n" + table)
    step(f"done in {meta['total_seconds']} s; wrote {RESULTS / 'latest.json'} and latest.md")


if __name__ == "__main__":
    main()
