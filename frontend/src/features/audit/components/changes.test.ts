import { describe, expect, it } from "vitest";
import { diffChanges, showValue } from "./changes";

describe("diffChanges", () => {
  it("lists changed, added and removed fields, skipping unchanged ones", () => {
    expect(
      diffChanges({ before: { name: "A", code: "1", old: true }, after: { name: "B", code: "1", added: [1] } }),
    ).toEqual([
      { field: "added", before: undefined, after: [1] },
      { field: "name", before: "A", after: "B" },
      { field: "old", before: true, after: undefined },
    ]);
  });

  it("keeps other shapes whole and yields nothing for no changes", () => {
    expect(diffChanges({ ip: "1.2.3.4" })).toEqual([{ field: "", before: undefined, after: { ip: "1.2.3.4" } }]);
    expect(diffChanges({})).toEqual([]);
    expect(showValue(undefined)).toBe("—");
    expect(showValue({ a: 1 })).toBe('{"a":1}');
  });
});
