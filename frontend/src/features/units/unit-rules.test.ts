import { describe, expect, it } from "vitest";
import { kindsUnder, parentAllowed, sameLevelKinds } from "./unit-rules";

describe("unit rules (mirror of api/units/rules.py)", () => {
  it("offers communes and districts under a province, villages under a commune", () => {
    expect(kindsUnder("province")).toEqual(
      expect.arrayContaining(["district", "commune", "ward", "town", "special_zone", "agency"]),
    );
    expect(kindsUnder("province")).not.toContain("village");
    expect(kindsUnder("ward")).toEqual(expect.arrayContaining(["village", "residential_group", "enterprise"]));
    expect(kindsUnder("ward")).not.toContain("commune");
  });

  it("lets only provinces and organizations stand at the top", () => {
    expect(kindsUnder(null)).toEqual(["province", "agency", "public_service_unit", "enterprise", "party_body", "front_body", "other"]);
    expect(parentAllowed("province", "province")).toBe(false);
    expect(parentAllowed("other", "village")).toBe(true);
  });

  it("keeps a unit in its code family when it changes kind", () => {
    expect(sameLevelKinds("commune")).toEqual(["commune", "ward", "town", "special_zone"]);
    expect(sameLevelKinds("village")).toEqual(["village", "residential_group"]);
    expect(sameLevelKinds("province")).toEqual(["province"]);
  });
});
