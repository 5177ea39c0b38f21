import { describe, expect, it } from "vitest";
import { formatNumber, formatPercent } from "./format";

describe("numbers as each language writes them", () => {
  it("groups thousands with a dot in Vietnamese and a comma in English", () => {
    expect(formatNumber(1462, "vi")).toBe("1.462");
    expect(formatNumber(1462, "en")).toBe("1,462");
  });
  it("writes a share as a percentage with at most one decimal, a dash when unknown", () => {
    expect(formatPercent(0.375, "vi").replace(/\s/g, " ")).toMatch(/^37,5 ?%$/);
    expect(formatPercent(0.375, "en")).toBe("37.5%");
    expect(formatPercent(null, "vi")).toBe("—");
  });
});
