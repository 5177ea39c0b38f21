import { describe, expect, it } from "vitest";
import { formatList, parseList } from "./search-params";

describe("multi-valued filters in the URL", () => {
  const KINDS = ["complaint", "denunciation", "petition"] as const;

  it("keeps only the values the API allows, in their order", () => {
    expect(parseList("petition,complaint,bogus", KINDS)).toEqual(["complaint", "petition"]);
    expect(parseList("", KINDS)).toEqual([]);
  });

  it("writes a list, or nothing for an empty one", () => {
    expect(formatList(["complaint", "petition"])).toBe("complaint,petition");
    expect(formatList([])).toBeNull();
    expect(formatList(undefined)).toBeNull();
  });
});
