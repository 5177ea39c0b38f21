import { describe, expect, it } from "vitest";
import { sortOrderOf, sortParam, validSort } from "./sort";

describe("list sort in the URL", () => {
  it("reads the column order from the sort parameter", () => {
    expect(sortOrderOf("username", "username")).toBe("ascend");
    expect(sortOrderOf("-created_at", "created_at")).toBe("descend");
    expect(sortOrderOf("-created_at", "username")).toBeNull();
  });

  it("writes the sort parameter from a column click", () => {
    expect(sortParam("created_at", "descend", ["username", "created_at"])).toBe("-created_at");
    expect(sortParam("username", "ascend", ["username", "created_at"])).toBe("username");
    expect(sortParam("username", null, ["username"])).toBeNull();
    expect(sortParam("email", "ascend", ["username"])).toBeNull();
  });

  it("falls back to the default for sorts the API does not know", () => {
    expect(validSort("-name", ["name", "created_at"], "-created_at")).toBe("-name");
    expect(validSort("-password", ["name", "created_at"], "-created_at")).toBe("-created_at");
    expect(validSort("", ["name"], "-created_at")).toBe("-created_at");
  });
});
