import { describe, expect, it } from "vitest";
import dayjs from "dayjs";
import type { TargetRead } from "./api/types";
import { buildVisitUpdate, visitFieldResolver, visitInitialValues } from "./visit-form";

const target = {
  id: "t-1",
  unit_id: "u-1",
  unit: { id: "u-1", code: "01273", name: "Phường Thục Phán", kind: "ward", status: "active" },
  status: "planned",
  visited_from: null,
  visited_to: null,
  self_assessment_received: false,
  self_assessment_received_on: null,
  rating: null,
  notes: null,
  conclusion: null,
} as TargetRead;

describe("a visit's record", () => {
  it("sends nothing when nothing changed", () => {
    expect(buildVisitUpdate(target, visitInitialValues(target))).toBeNull();
    const visited = { ...target, status: "done", visited_from: "2026-11-10", rating: "good", notes: "Tốt" } as TargetRead;
    expect(buildVisitUpdate(visited, { ...visitInitialValues(visited), notes: " Tốt " })).toBeNull();
  });

  it("sends the visit's days, state and rating as the API writes them", () => {
    expect(
      buildVisitUpdate(target, {
        ...visitInitialValues(target),
        status: "done",
        visited_from: dayjs("2026-11-10"),
        visited_to: dayjs("2026-11-11"),
        self_assessment_received: true,
        self_assessment_received_on: dayjs("2026-11-01"),
        rating: "fair",
        notes: "  Chưa niêm yết dự toán ",
      }),
    ).toEqual({
      status: "done",
      visited_from: "2026-11-10",
      visited_to: "2026-11-11",
      self_assessment_received: true,
      self_assessment_received_on: "2026-11-01",
      rating: "fair",
      notes: "Chưa niêm yết dự toán",
    });
  });

  it("clears what was emptied, and drops the self-assessment's date once it is not received", () => {
    const visited = {
      ...target,
      rating: "weak",
      notes: "Ghi chú",
      self_assessment_received: true,
      self_assessment_received_on: "2026-11-01",
    } as TargetRead;
    expect(
      buildVisitUpdate(visited, { ...visitInitialValues(visited), rating: null, notes: "", self_assessment_received: false }),
    ).toEqual({ rating: null, notes: null, self_assessment_received: false, self_assessment_received_on: null });
  });

  it("puts server errors on its fields", () => {
    const fe = { in: "body", field: "x", code: "c", message: "m" } as const;
    expect(visitFieldResolver(["visited_to"], fe)).toBe("visited_to");
    expect(visitFieldResolver(["members"], fe)).toBeUndefined();
  });
});
