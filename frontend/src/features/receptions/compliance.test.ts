import { describe, expect, it } from "vitest";
import { formatCount, formatPeriod, formatRatio, parsePeriod, periodContaining, periodStart } from "./compliance";

describe("the compliance period", () => {
  it("reads and writes the three forms the API accepts", () => {
    for (const p of ["2026", "2026-Q3", "2026-07"]) expect(formatPeriod(parsePeriod(p)!)).toBe(p);
    expect(parsePeriod("2026-Q3")).toEqual({ granularity: "quarter", year: 2026, part: 3 });
  });

  it("refuses what the API would refuse", () => {
    for (const p of ["", "26", "2026-Q5", "2026-13", "2026-7", "2026-q1"]) expect(parsePeriod(p)).toBeNull();
  });

  it("finds the period of a day at each granularity, and its first day", () => {
    expect(formatPeriod(periodContaining("year", "2026-11-23"))).toBe("2026");
    expect(formatPeriod(periodContaining("quarter", "2026-11-23"))).toBe("2026-Q4");
    expect(formatPeriod(periodContaining("month", "2026-11-23"))).toBe("2026-11");
    expect(periodStart(parsePeriod("2026-Q3")!)).toBe("2026-07-01");
    expect(periodStart(parsePeriod("2026-02")!)).toBe("2026-02-01");
    expect(periodStart(parsePeriod("2026")!)).toBe("2026-01-01");
  });
});

describe("numbers in the reader's language", () => {
  it("shows ratios as percentages", () => {
    expect(formatRatio(0.8333, "vi")).toBe("83,3%");
    expect(formatRatio(0.8333, "en")).toBe("83.3%");
    expect(formatRatio(1.25, "vi")).toBe("125%");
    expect(formatRatio(null, "vi")).toBe("—");
  });

  it("groups digits", () => {
    expect(formatCount(112914, "vi")).toBe("112.914");
    expect(formatCount(112914, "en")).toBe("112,914");
  });
});
