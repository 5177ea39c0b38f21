import { describe, expect, it } from "vitest";
import type { CoverageFigures, CoverageReport, CoverageRow } from "./api/types";
import { communeShare, coveragePeriod, coverageView, parseChildSort } from "./coverage";

const figures = (over: Partial<CoverageFigures> = {}): CoverageFigures => ({
  teams_organised: 0,
  teams_visiting: 0,
  visits: 0,
  units_inspected: 0,
  by_kind: [],
  findings: { total: 0, by_topic: [], by_severity: [] },
  recommendations: { issued: 0, closed: 0, overdue: 0 },
  never_inspected: 0,
  ...over,
});
const unit = (code: string, name: string) => ({ id: `u-${code}`, code, name, kind: "ward" as const, status: "active" as const });
const row = (code: string, name: string, over: Partial<CoverageFigures>): CoverageRow => ({ ...figures(over), unit: unit(code, name) });

const report: CoverageReport = {
  period: { start: "2026-01-01", end: "2026-12-31" },
  within_unit: { id: "u-04", code: "04", name: "Tỉnh Cao Bằng", kind: "province", status: "active" },
  totals: figures({
    teams_organised: 2,
    teams_visiting: 2,
    visits: 3,
    units_inspected: 3,
    by_kind: [
      { kind: "ward", units: 8, inspected: 3, share: 0.375 },
      { kind: "commune", units: 48, inspected: 0, share: 0 },
      { kind: "village", units: 0, inspected: 0, share: null },
    ],
    findings: {
      total: 5,
      by_topic: [
        { topic: "people_supervise", findings: 1 },
        { topic: "publicity_of_information", findings: 4 },
      ],
      by_severity: [{ severity: "serious", findings: 5 }],
    },
    recommendations: { issued: 4, closed: 1, overdue: 2 },
    never_inspected: 53,
  }),
  items: [
    row("01279", "Phường Nùng Trí Cao", { visits: 1, units_inspected: 1, by_kind: [{ kind: "ward", units: 1, inspected: 1, share: 1 }] }),
    row("01273", "Phường Thục Phán", { visits: 2, units_inspected: 1, by_kind: [{ kind: "ward", units: 1, inspected: 1, share: 1 }, { kind: "village", units: 9, inspected: 0, share: 0 }] }),
    row("01288", "Xã Hưng Đạo", { by_kind: [{ kind: "agency", units: 2, inspected: 0, share: 0 }] }),
  ],
  never_inspected_units: [unit("01288", "Xã Hưng Đạo")],
};

describe("the coverage screen's period", () => {
  const today = new Date(2026, 10, 26);
  it("is the current year by default", () => {
    expect(coveragePeriod({ from: "", to: "" }, today)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });
  it("takes the URL's days, a lone `from` running to its year's end", () => {
    expect(coveragePeriod({ from: "2025-04-01", to: "2025-06-30" }, today)).toEqual({ from: "2025-04-01", to: "2025-06-30" });
    expect(coveragePeriod({ from: "2025-04-01", to: "" }, today)).toEqual({ from: "2025-04-01", to: "2025-12-31" });
  });
  it("falls back to the current year on a reversed or malformed period", () => {
    expect(coveragePeriod({ from: "2026-06-01", to: "2026-01-01" }, today)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(coveragePeriod({ from: "01/02/2026", to: "x" }, today)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });
});

describe("the coverage view", () => {
  const view = coverageView(report, "");

  it("lays the totals out as cards, the overdue ones marked", () => {
    expect(view.kpis.map((k) => [k.key, k.value])).toEqual([
      ["teamsOrganised", 2],
      ["teamsVisiting", 2],
      ["visits", 3],
      ["unitsInspected", 3],
      ["recommendationsIssued", 4],
      ["recommendationsClosed", 1],
      ["recommendationsOverdue", 2],
    ]);
    expect(view.kpis.at(-1)?.tone).toBe("danger");
  });

  it("shows the kinds with units only", () => {
    expect(view.kinds.map((k) => [k.kind, k.share])).toEqual([
      ["ward", 0.375],
      ["commune", 0],
    ]);
  });

  it("lists the children by code by default, with the share of their commune-level units inspected", () => {
    expect(view.children.map((r) => [r.unit.code, r.communeShare])).toEqual([
      ["01273", 1],
      ["01279", 1],
      ["01288", null],
    ]);
  });

  it("sorts the children by a figure, ties by code, unknown shares last", () => {
    expect(coverageView(report, "-visits").children.map((r) => r.unit.code)).toEqual(["01273", "01279", "01288"]);
    expect(coverageView(report, "visits").children.map((r) => r.unit.code)).toEqual(["01288", "01279", "01273"]);
    expect(coverageView(report, "communeShare").children.map((r) => r.unit.code)).toEqual(["01273", "01279", "01288"]);
    expect(coverageView(report, "-code").children.map((r) => r.unit.code)).toEqual(["01288", "01279", "01273"]);
    expect(parseChildSort("-nonsense")).toEqual({ field: "code", descending: false });
  });

  it("orders findings by topic most found first and names every severity, mildest first", () => {
    expect(view.findings.byTopic.map((x) => x.topic)).toEqual(["publicity_of_information", "people_supervise"]);
    expect(view.findings.bySeverity).toEqual([
      { severity: "minor", findings: 0 },
      { severity: "moderate", findings: 0 },
      { severity: "serious", findings: 5 },
    ]);
  });

  it("computes a commune-level share over communes, wards, towns and special zones only", () => {
    expect(
      communeShare([
        { kind: "commune", units: 3, inspected: 1, share: 0.3333 },
        { kind: "ward", units: 1, inspected: 1, share: 1 },
        { kind: "village", units: 10, inspected: 10, share: 1 },
      ]),
    ).toBe(0.5);
  });
});
