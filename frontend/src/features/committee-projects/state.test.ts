import { describe, expect, it } from "vitest";
import { projectState } from "./state";

describe("where a project stands", () => {
  it("follows the API's under_way, else its dates", () => {
    expect(projectState({ under_way: true, starts_on: "2026-01-01", actual_end_on: null })).toBe("underWay");
    expect(projectState({ under_way: false, starts_on: "2026-01-01", actual_end_on: "2026-07-15" })).toBe("ended");
    expect(projectState({ under_way: false, starts_on: "2027-01-01", actual_end_on: null })).toBe("notStarted");
  });

  it("on a given day, ends on its actual end (exclusive)", () => {
    const p = { under_way: true, starts_on: "2026-01-01", actual_end_on: "2026-07-15" };
    expect(projectState(p, "2026-07-14")).toBe("underWay");
    expect(projectState(p, "2026-07-15")).toBe("ended");
    expect(projectState(p, "2025-12-31")).toBe("notStarted");
  });
});
