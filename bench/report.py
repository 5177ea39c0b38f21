"""Ratios per round, medians over rounds, and the markdown table."""

from dataclasses import dataclass
from statistics import median
from typing import Any

from bench.load import Measurement

BARE = "bare"


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    path: str


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
        "api_p50_ratio": _med([r.api["subtree_deep"].p50_ms / r.api["subtree_first"].p50_ms for r in rounds]),
        "sql_p50_ratio": _med([r.sql["subtree_deep"].p50_ms / r.sql["subtree_first"].p50_ms for r in rounds]),
    }
    return {"endpoints": rows, "deep_vs_first": deep}


def markdown(summary: dict[str, Any], plans: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> str:
    lines = [
        f"QCDC bench, {meta['started_at']} ({meta['git']}): {meta['dataset']['units']:,} units, "
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
    deep = summary["deep_vs_first"]
    failed = [row["label"] for row in summary["endpoints"].values() if row["errors"]]
    if failed:
        lines += ["", f"**Errors or non-2xx answers during the runs of: {', '.join(failed)}.**"]
    lines += [
        "",
        f"Deep page ({meta['deep_pages']} pages in) ÷ first page, p50: API {deep['api_p50_ratio']:.2f}, "
        f"SQL {deep['sql_p50_ratio']:.2f}.",
        "",
        "Main statement of each endpoint (EXPLAIN ANALYZE, one execution):",
        "",
    ]
    for key, statements in plans.items():
        main = statements[-1]
        scans = ", ".join(main["indexes"]) or "no index"
        if main["seq_scans"]:
            scans += "; seq scan on " + ", ".join(main["seq_scans"])
        lines.append(f"- {summary['endpoints'][key]['label']}: {scans}; {main['execution_ms']} ms")
    return "\n".join(lines) + "\n"
