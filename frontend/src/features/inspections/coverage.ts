import type { CoverageFigures, CoverageReport, CoverageRow, FindingSeverity, KindCoverage, UnitSummary } from "./api/types";

/*
 * The coverage screen's view model: the period and subtree read from the URL, and the report of
 * GET /inspections/coverage laid out as the screen shows it (cards, tables, lists).
 */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The screen's URL: `unit` (the subtree; the reader's own when empty), `from`, `to`, `sort` (child table). */
export type CoverageSearch = { unit: string; from: string; to: string; sort: string };

/** The period shown: the URL's days when both are valid and in order, else the current year. */
export function coveragePeriod(search: Pick<CoverageSearch, "from" | "to">, today: Date = new Date()): { from: string; to: string } {
  const year = today.getFullYear();
  const from = ISO_DAY.test(search.from) ? search.from : `${year}-01-01`;
  const to = ISO_DAY.test(search.to) ? search.to : `${ISO_DAY.test(search.from) ? search.from.slice(0, 4) : year}-12-31`;
  return from <= to ? { from, to } : { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The total cards, in the order shown: i18n key (`inspections.coverage.kpi.<key>`) and value. */
export type Kpi = { key: string; value: number; tone?: "danger" };

export function coverageKpis(totals: CoverageFigures): Kpi[] {
  return [
    { key: "teamsOrganised", value: totals.teams_organised },
    { key: "teamsVisiting", value: totals.teams_visiting },
    { key: "visits", value: totals.visits },
    { key: "unitsInspected", value: totals.units_inspected },
    { key: "recommendationsIssued", value: totals.recommendations.issued },
    { key: "recommendationsClosed", value: totals.recommendations.closed },
    { key: "recommendationsOverdue", value: totals.recommendations.overdue, ...(totals.recommendations.overdue > 0 ? { tone: "danger" as const } : {}) },
  ];
}

/** The per-kind table: kinds with at least one unit, the share as the API computed it. */
export function kindRows(byKind: readonly KindCoverage[]): KindCoverage[] {
  return byKind.filter((k) => k.units > 0);
}

/** One child unit's row in the table (its figures flattened, for sorting and columns). */
export type ChildRow = {
  unit: UnitSummary;
  teamsOrganised: number;
  teamsVisiting: number;
  visits: number;
  unitsInspected: number;
  /** Of the child's commune-level units, the share inspected; null when it has none. */
  communeShare: number | null;
  neverInspected: number;
  findings: number;
  issued: number;
  closed: number;
  overdue: number;
};

const COMMUNE_LEVEL = new Set(["commune", "ward", "town", "special_zone"]);

/** The share of commune-level units inspected, from the per-kind figures (null when there are none). */
export function communeShare(byKind: readonly KindCoverage[]): number | null {
  let units = 0;
  let inspected = 0;
  for (const k of byKind) {
    if (!COMMUNE_LEVEL.has(k.kind)) continue;
    units += k.units;
    inspected += k.inspected;
  }
  return units === 0 ? null : inspected / units;
}

export function childRow(r: CoverageRow): ChildRow {
  return {
    unit: r.unit,
    teamsOrganised: r.teams_organised,
    teamsVisiting: r.teams_visiting,
    visits: r.visits,
    unitsInspected: r.units_inspected,
    communeShare: communeShare(r.by_kind),
    neverInspected: r.never_inspected,
    findings: r.findings.total,
    issued: r.recommendations.issued,
    closed: r.recommendations.closed,
    overdue: r.recommendations.overdue,
  };
}

export const CHILD_SORTS = [
  "code",
  "teamsOrganised",
  "teamsVisiting",
  "visits",
  "unitsInspected",
  "communeShare",
  "neverInspected",
  "findings",
  "issued",
  "closed",
  "overdue",
] as const;
export type ChildSort = (typeof CHILD_SORTS)[number];

/** `sort` from the URL (`visits`, `-visits`): a known field, else the API's order (by code). */
export function parseChildSort(value: string): { field: ChildSort; descending: boolean } {
  const descending = value.startsWith("-");
  const field = (descending ? value.slice(1) : value) as ChildSort;
  return CHILD_SORTS.includes(field) ? { field, descending } : { field: "code", descending: false };
}

/** The child rows in the order asked; ties (and unknown shares, last) by unit code. */
export function sortChildRows(rows: readonly ChildRow[], sort: { field: ChildSort; descending: boolean }): ChildRow[] {
  const byCode = (a: ChildRow, b: ChildRow) => a.unit.code.localeCompare(b.unit.code);
  return [...rows].sort((a, b) => {
    if (sort.field === "code") return sort.descending ? byCode(b, a) : byCode(a, b);
    const x = a[sort.field];
    const y = b[sort.field];
    if (x === y) return byCode(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sort.descending ? y - x : x - y;
  });
}

const SEVERITY_ORDER: readonly FindingSeverity[] = ["minor", "moderate", "serious"];

/** Findings by topic, most found first, and by severity, mildest first, every severity present. */
export function findingsView(totals: CoverageFigures): {
  total: number;
  byTopic: { topic: string; findings: number }[];
  bySeverity: { severity: FindingSeverity; findings: number }[];
} {
  const byTopic = [...totals.findings.by_topic].sort((a, b) => b.findings - a.findings || a.topic.localeCompare(b.topic));
  const counted = new Map(totals.findings.by_severity.map((s) => [s.severity, s.findings]));
  return {
    total: totals.findings.total,
    byTopic: byTopic.map((x) => ({ topic: x.topic, findings: x.findings })),
    bySeverity: SEVERITY_ORDER.map((severity) => ({ severity, findings: counted.get(severity) ?? 0 })),
  };
}

/** Everything the screen draws from one report. */
export function coverageView(report: CoverageReport, sort: string) {
  return {
    kpis: coverageKpis(report.totals),
    kinds: kindRows(report.totals.by_kind),
    children: sortChildRows(report.items.map(childRow), parseChildSort(sort)),
    findings: findingsView(report.totals),
    neverInspected: report.never_inspected_units,
  };
}
