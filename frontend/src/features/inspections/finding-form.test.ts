import { describe, expect, it } from "vitest";
import type { FindingRead, TargetRead } from "./api/types";
import {
  buildFindingCreate,
  buildFindingUpdate,
  findingFieldResolver,
  findingInitialValues,
  findingsByTarget,
} from "./finding-form";

const finding = {
  id: "f-1",
  team_id: "team-1",
  target_id: "t-1",
  unit_id: "u-1",
  topic: "publicity_of_information",
  description: "Chưa niêm yết công khai dự toán ngân sách",
  severity: "moderate",
  petition_ids: [],
  created_at: "2026-11-26T03:00:00Z",
  updated_at: "2026-11-26T03:00:00Z",
} satisfies FindingRead;

describe("the finding form", () => {
  it("starts a new finding on the target it was opened from, minor by default", () => {
    expect(findingInitialValues(null, "t-2")).toEqual({ target_id: "t-2", severity: "minor" });
    expect(findingInitialValues(finding, "t-2")).toMatchObject({ target_id: "t-1", severity: "moderate" });
  });

  it("sends a new finding with its description trimmed", () => {
    expect(
      buildFindingCreate({ target_id: "t-1", topic: "people_supervise", severity: "serious", description: "  Không có ban giám sát  " }),
    ).toEqual({ target_id: "t-1", topic: "people_supervise", severity: "serious", description: "Không có ban giám sát" });
  });

  it("sends only what changed in a correction, and nothing when nothing did", () => {
    expect(buildFindingUpdate(finding, { ...finding, description: ` ${finding.description} ` })).toBeNull();
    expect(buildFindingUpdate(finding, { ...finding, severity: "serious", topic: "people_supervise" })).toEqual({
      severity: "serious",
      topic: "people_supervise",
    });
    expect(buildFindingUpdate(finding, { ...finding, target_id: "t-2" })).toEqual({ target_id: "t-2" });
  });

  it("puts server errors on its fields; a petition's error is general", () => {
    const fe = { in: "body", field: "x", code: "c", message: "m" } as const;
    expect(findingFieldResolver(["topic"], fe)).toBe("topic");
    expect(findingFieldResolver(["petition_ids", "0"], fe)).toBeUndefined();
  });
});

describe("findings under their targets", () => {
  it("groups them in the targets' order, and drops any about a target not shown", () => {
    const targets = [{ id: "t-2" }, { id: "t-1" }] as TargetRead[];
    const grouped = findingsByTarget(targets, [
      finding,
      { ...finding, id: "f-2", target_id: "t-2" },
      { ...finding, id: "f-3", target_id: "t-1" },
      { ...finding, id: "f-4", target_id: "elsewhere" },
    ]);
    expect([...grouped.keys()]).toEqual(["t-2", "t-1"]);
    expect(grouped.get("t-1")?.map((f) => f.id)).toEqual(["f-1", "f-3"]);
    expect(grouped.get("t-2")?.map((f) => f.id)).toEqual(["f-2"]);
  });
});
