"""Ratios per round, medians over rounds, and the markdown table."""

from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from bench.load import Measurement

BARE = "bare"
# Keyset pages: (first page, deep page) of the same list.
DEEP_PAIRS = {
    "units subtree": ("subtree_first", "subtree_deep"),
    "petitions of a commune": ("commune_first", "commune_deep"),
}


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str
    # A wrk script that makes the requests (a POST and its body), and the direct SQL runs in a
    # transaction that commits, as a write's request does.
    script: Path | None = None
    write: bool = False


@dataclass
class Round:
    api: dict[str, Measurement]
    sql: dict[str, Measurement]


def _med(values: list[float], digits: int = 2) -> float:
    return round(median(values), digits)


def summarize(endpoints: list[Endpoint], rounds: list[Round]) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for e in endpoints:
        api = [r.api[e.key] for r in rounds]
        bare = [r.api[BARE] for r in rounds]
        row: dict[str, Any] = {
            "label": e.label,
            "path": e.path,
            "rps": _med([m.rps for m in api], 1),
            "p50_ms": _med([m.p50_ms for m in api], 3),
            "p99_ms": _med([m.p99_ms for m in api], 3),
            "errors": sum(m.errors for m in api),
        }
        if e.key != BARE:
            sql = [r.sql[e.key] for r in rounds]
            row |= {
                "bare_rps_ratio": _med([b.rps / a.rps for a, b in zip(api, bare, strict=True)]),
                "bare_p50_ratio": _med([a.p50_ms / b.p50_ms for a, b in zip(api, bare, strict=True)]),
                "sql_rps": _med([m.rps for m in sql], 1),
                "sql_p50_ms": _med([m.p50_ms for m in sql], 3),
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
    return {"endpoints": rows, "deep_vs_first": deep}


def markdown(summary: dict[str, Any], plans: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> str:
    dataset = meta["dataset"]
    size = f"{dataset['units']:,} units"
    if dataset.get("petitions"):
        size += f", {dataset['petitions']['petitions']:,} petitions"
    lines = [
        f"QCDC bench, {meta['started_at']} ({meta['git']}): {size}, "
        f"{meta['rounds']} round(s) of {meta['duration_s']} s per run, {meta['connections']} connections, "
        f"medians over rounds.",
        "",
        "| Endpoint | req/s | p50 ms | p99 ms | bare/this req/s | p50 ÷ bare p50 "
        "| API/SQL req/s | SQL req/s | SQL p50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary["endpoints"].values():
        if "sql_rps" in row:
            lines.append(
                f"| {row['label']} | {row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} | "
                f"{row['bare_rps_ratio']:.2f} | {row['bare_p50_ratio']:.2f} | {row['api_to_sql_rps']:.2f} | "
                f"{row['sql_rps']:,.0f} | {row['sql_p50_ms']:.2f} |"
            )
        else:
            lines.append(
                f"| {row['label']} | {row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} "
                "| 1.00 | 1.00 | | | |"
            )
    failed = [row["label"] for row in summary["endpoints"].values() if row["errors"]]
    if failed:
        lines += ["", f"**Errors or non-2xx answers during the runs of: {', '.join(failed)}.**"]
    lines.append("")
    for name, deep in summary["deep_vs_first"].items():
        depth = meta["deep_pages"].get(name, "?")
        lines.append(
            f"Deep page ({depth} pages in) ÷ first page, p50, {name}: API {deep['api_p50_ratio']:.2f}, "
            f"SQL {deep['sql_p50_ratio']:.2f}."
        )
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
            f"- {summary['endpoints'][key]['label']} ({len(statements)} statements): {scans}; "
            f"{main['execution_ms']} ms"
        )
    return "\n".join(lines) + "\n"
