"""Ratios per round, medians over rounds, and the markdown table."""

from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from bench.load import Measurement

# The baselines (bench/server.py): the bare GET registered first (the baseline of reads), the same
# registered last among the API routes, and the bare write (the baseline of creates).
BARE = "bare"
BARE_LAST = "bare_last"
BARE_READ = "bare_read"
BARE_WRITE = "bare_write"
# Keyset pages: (first page, deep page) of the same list.
DEEP_PAIRS = {
    "units subtree": ("subtree_first", "subtree_deep"),
    "petitions of a commune": ("commune_first", "commune_deep"),
    "teams of a province": ("province_teams_first", "province_teams_deep"),
}
# What the server counted during a run, per request (bench/server.py, STATS_PATH).
PER_REQUEST = ("statements", "transactions", "commits", "rollbacks", "checkouts")


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    # A wrk script that makes the requests (a POST and its body), and the direct SQL runs in a
    # transaction that commits, as a write's request does.
    script: Path | None = None
    write: bool = False
    # What the endpoint's ratios are taken against: the bare GET for reads, the bare write for creates.
    baseline: str = BARE
    # Concurrent clients (wrk connections and direct-SQL tasks), when not the run's default.
    connections: int | None = None


@dataclass
class Round:
    api: dict[str, Measurement]
    sql: dict[str, Measurement]
    # The server's counts over each endpoint's run, with the requests it answered.
    stats: dict[str, dict[str, float]] = field(default_factory=dict)


def _med(values: list[float], digits: int = 2) -> float:
    return round(median(values), digits)


def _per_request(rounds: list[Round], key: str) -> dict[str, float]:
    counted = [r.stats[key] for r in rounds if r.stats.get(key, {}).get("requests")]
    if not counted:
        return {}
    return {name: _med([s[name] / s["requests"] for s in counted]) for name in PER_REQUEST}


def summarize(
    endpoints: list[Endpoint],
    rounds: list[Round],
    one_worker: list[dict[str, Measurement]],
    two_workers: list[dict[str, Measurement]],
) -> dict[str, Any]:
    """`one_worker[n][key]` and `two_workers[n][key]` are back-to-back runs of the same load."""
    rows: dict[str, Any] = {}
    for e in endpoints:
        api = [r.api[e.key] for r in rounds]
        row: dict[str, Any] = {
            "label": e.label,
            "path": e.path,
            "rps": _med([m.rps for m in api], 1),
            "p50_ms": _med([m.p50_ms for m in api], 3),
            "p95_ms": _med([m.p95_ms for m in api], 3),
            "p99_ms": _med([m.p99_ms for m in api], 3),
            "errors": sum(m.errors for m in api),
            "per_request": _per_request(rounds, e.key),
        }
        if e.key != BARE:
            base = [r.api[e.baseline] for r in rounds]
            row |= {
                "baseline": e.baseline,
                "base_rps_ratio": _med([b.rps / a.rps for a, b in zip(api, base, strict=True)]),
                "base_p50_ratio": _med([a.p50_ms / b.p50_ms for a, b in zip(api, base, strict=True)]),
            }
        if all(e.key in r.sql for r in rounds):
            sql = [r.sql[e.key] for r in rounds]
            row |= {
                "sql_rps": _med([m.rps for m in sql], 1),
                "sql_p50_ms": _med([m.p50_ms for m in sql], 3),
                "sql_p95_ms": _med([m.p95_ms for m in sql], 3),
                "sql_p99_ms": _med([m.p99_ms for m in sql], 3),
                "api_to_sql_rps": _med([a.rps / s.rps for a, s in zip(api, sql, strict=True)]),
            }
        rows[e.key] = row
    deep = {
        name: {
            "api_p50_ratio": _med([r.api[deep].p50_ms / r.api[first].p50_ms for r in rounds]),
            "sql_p50_ratio": _med([r.sql[deep].p50_ms / r.sql[first].p50_ms for r in rounds]),
        }
        for name, (first, deep) in DEEP_PAIRS.items()
        if all(first in r.api and deep in r.api for r in rounds)
    }
    pairs = list(zip(one_worker, two_workers, strict=True))
    scaling = {
        key: {
            "label": rows[key]["label"],
            "one_worker_rps": _med([one[key].rps for one, _ in pairs], 1),
            "two_workers_rps": _med([two[key].rps for _, two in pairs], 1),
            "ratio": _med([two[key].rps / one[key].rps for one, two in pairs]),
            "errors": sum(one[key].errors + two[key].errors for one, two in pairs),
        }
        for key in (two_workers[0] if two_workers else {})
    }
    # What a read by id delivers of the bare read's throughput (the floor of any read on this
    # stack), within each round.
    over_bare_read = {
        key: _med([r.api[key].rps / r.api[BARE_READ].rps for r in rounds])
        for key in ("unit", "petition")
        if all(key in r.api and BARE_READ in r.api for r in rounds)
    }
    return {
        "endpoints": rows,
        "deep_vs_first": deep,
        "two_workers": scaling,
        "over_bare_read": over_bare_read,
    }


# Issue 10's goals: (what, measured from the summary, at least / at most, bound, ceiling). The
# ceiling is the most the same run allows whatever the app does: a read by id is at most the bare
# read (one SELECT through the same pool); a create at most its own statements replayed without
# the app (its direct SQL) against the bare write; a page at most its direct SQL; a latency at
# least its direct SQL's (the coverage report, one client); two workers at
# most what two workers give the bare route, and a page at most its direct SQL over one worker.
Goal = tuple[str, float | None, str, float, float | None]


def goals(summary: dict[str, Any]) -> list[Goal]:
    rows, two = summary["endpoints"], summary["two_workers"]

    def share(key: str) -> float | None:
        return 1 / rows[key]["base_rps_ratio"] if key in rows else None

    def statements(key: str) -> float | None:
        return rows[key]["per_request"].get("statements") if key in rows else None

    def sql_over(key: str, rps: float | None) -> float | None:
        return (
            round(rows[key]["sql_rps"] / rps, 2) if key in rows and "sql_rps" in rows[key] and rps else None
        )

    bare_read = share(BARE_READ)
    found: list[Goal] = [
        ("unit by id ÷ bare route", share("unit"), "≥", 0.40, bare_read),
        ("petition by id ÷ bare route", share("petition"), "≥", 0.30, bare_read),
        (
            "a commune's first page ÷ its direct SQL",
            rows.get("commune_first", {}).get("api_to_sql_rps"),
            "≥",
            0.6,
            1.0,
        ),
        (
            "create a complaint ÷ bare write",
            share("create"),
            "≥",
            0.25,
            sql_over("create", rows.get(BARE_WRITE, {}).get("rps")),
        ),
        ("create a complaint, statements", statements("create"), "≤", 8, None),
        ("unit by id, statements", statements("unit"), "≤", 2, None),
        ("petition by id, statements (principal cached)", statements("petition"), "≤", 1, None),
        # Issue 11: the annual review's report of the largest province, under load.
        (
            "coverage of the largest province, one client, p95 ms",
            rows.get("coverage", {}).get("p95_ms"),
            "≤",
            300,
            rows.get("coverage", {}).get("sql_p95_ms"),
        ),
        # Issue 12: the committees' compliance report of the largest province, one client.
        (
            "compliance of the largest province, one client, p95 ms",
            rows.get("compliance", {}).get("p95_ms"),
            "≤",
            300,
            rows.get("compliance", {}).get("sql_p95_ms"),
        ),
    ]
    bare_two = two.get(BARE, {}).get("ratio")
    for key, row in two.items():
        if key == BARE:
            continue
        ceiling = bare_two
        page = sql_over(key, row["one_worker_rps"])
        if page is not None and bare_two is not None:
            ceiling = min(bare_two, page)
        found.append((f"{row['label']}, 2 workers ÷ 1", row["ratio"], "≥", 1.7, ceiling))
    return found


def _goal_lines(summary: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "Goals (issue 10), medians of the rounds; *ceiling*: the most this run allows whatever the app "
        "does (the bare read for a read by id; the create's own statements replayed without the app, "
        "against the bare write; two workers' gain on the bare route, and a page's direct SQL over one "
        "worker):",
        "",
        "| Goal | measured | bound | ceiling in this run | met |",
        "|---|---:|---:|---:|---|",
    ]
    for what, value, sense, bound, ceiling in goals(summary):
        if value is None:
            continue
        met = value >= bound if sense == "≥" else value <= bound * 1.01  # counts are means over a run
        limit = f"{ceiling:.2f}" if ceiling is not None else ""
        lines.append(f"| {what} | {value:.2f} | {sense} {bound:g} | {limit} | {'yes' if met else '**no**'} |")
    floor = summary.get("over_bare_read", {})
    if floor:
        lines += [
            "",
            "Against the bare read (one SELECT by id through the same pool, no authentication, ORM or "
            "validation), a read by id delivers: "
            + ", ".join(f"{key} {value:.2f}" for key, value in floor.items())
            + " of its throughput.",
        ]
    return lines


def _cell(row: dict[str, Any], key: str, spec: str) -> str:
    return format(row[key], spec) if key in row else ""


def markdown(summary: dict[str, Any], plans: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> str:
    dataset = meta["dataset"]
    size = f"{dataset['units']:,} units"
    if dataset.get("petitions"):
        size += f", {dataset['petitions']['petitions']:,} petitions"
    if dataset.get("inspections"):
        size += f", {dataset['inspections']['teams']:,} inspection teams ({dataset['inspections']['visits']:,} visits)"
    rows = summary["endpoints"]
    labels = {BARE: "bare", BARE_WRITE: "bare write", BARE_READ: "bare"}
    lines = [
        f"QCDC bench, {meta['started_at']} ({meta['git']}): {size}, "
        f"{meta['rounds']} round(s) of {meta['duration_s']} s per run, {meta['connections']} connections, "
        f"one uvicorn worker with a pool of {meta['pool_size']} connections, "
        "medians over rounds.",
        "",
        "| Endpoint | req/s | p50 ms | p95 ms | p99 ms | against | base/this req/s | p50 ÷ base p50 "
        "| stmts/req | tx/req | commits/req | API/SQL req/s | SQL req/s | SQL p50 ms | SQL stmts |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, row in rows.items():
        counts = row["per_request"]
        ratios = (
            f"{labels[row['baseline']]} | {row['base_rps_ratio']:.2f} | {row['base_p50_ratio']:.2f}"
            if "baseline" in row
            else "| 1.00 | 1.00"
        )
        per_request = " | ".join(
            format(counts[name], ".2f") if name in counts else ""
            for name in ("statements", "transactions", "commits")
        )
        lines.append(
            f"| {row['label']} | {row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | "
            f"{row['p99_ms']:.2f} | {ratios} | "
            f"{per_request} | {_cell(row, 'api_to_sql_rps', '.2f')} | {_cell(row, 'sql_rps', ',.0f')} | "
            f"{_cell(row, 'sql_p50_ms', '.2f')} | {meta['sql_statements'].get(key, '')} |"
        )
    failed = [row["label"] for row in rows.values() if row["errors"]]
    failed += [f"{row['label']} (2 workers)" for row in summary["two_workers"].values() if row["errors"]]
    if failed:
        lines += ["", f"**Errors or non-2xx answers during the runs of: {', '.join(failed)}.**"]
    lines.append("")
    if BARE_LAST in rows:
        last = rows[BARE_LAST]
        lines.append(
            f"Routing: the bare route registered after the {meta['routes_before_bare_last']} other API routes "
            f"(the last of the {meta.get('resource_routes_before_bare_last', '?')} + 1 routes of its resource) "
            f"÷ registered first: req/s first ÷ last {last['base_rps_ratio']:.2f}, "
            f"p50 last ÷ first {last['base_p50_ratio']:.2f}."
        )
    for name, deep in summary["deep_vs_first"].items():
        depth = meta["deep_pages"].get(name, "?")
        lines.append(
            f"Deep page ({depth} pages in) ÷ first page, p50, {name}: API {deep['api_p50_ratio']:.2f}, "
            f"SQL {deep['sql_p50_ratio']:.2f}."
        )
    if summary["two_workers"]:
        answered = meta["two_workers_requests"]
        share = (
            "the two workers answered " + " and ".join(f"{n / sum(answered):.0%}" for n in answered)
            if len(answered) > 1
            else "only one worker was seen answering"
        )
        lines += [
            "",
            f"Two uvicorn workers ÷ one: the same wrk load on each server, back to back, median of the "
            f"rounds' ratios (pool {meta['pool_size']} per worker, the database allows "
            f"{meta['max_connections']} connections; {share} of the requests):",
            "",
            "| Endpoint | 1 worker req/s | 2 workers req/s | 2 ÷ 1 |",
            "|---|---:|---:|---:|",
        ]
        for row in summary["two_workers"].values():
            lines.append(
                f"| {row['label']} | {row['one_worker_rps']:,.0f} | {row['two_workers_rps']:,.0f} | "
                f"{row['ratio']:.2f} |"
            )
    lines += _goal_lines(summary)
    seeding = meta.get("seeding_seconds")
    if seeding:
        lines += ["", "Seeding the petitions (s): " + ", ".join(f"{k} {v}" for k, v in seeding.items()) + "."]
    lines += ["", "Slowest statement of each endpoint (EXPLAIN ANALYZE, one execution):", ""]
    for key, statements in plans.items():
        main = max(statements, key=lambda p: p["execution_ms"] or 0.0)
        scans = ", ".join(main["indexes"]) or "no index"
        if main["seq_scans"]:
            scans += "; seq scan on " + ", ".join(main["seq_scans"])
        lines.append(
            f"- {rows[key]['label']} ({len(statements)} statements): {scans}; {main['execution_ms']} ms"
        )
    return "\n".join(lines) + "\n"
