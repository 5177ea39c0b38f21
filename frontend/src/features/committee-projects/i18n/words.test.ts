import { describe, expect, it } from "vitest";
import { CAPITAL_SOURCES } from "../api/types";
import { en, vi } from ".";

const at = (bundle: object, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), bundle);

describe("the investment projects' words", () => {
  it("name every capital source, state and board status in both languages, labels being words not groups", () => {
    const wanted = [
      ...CAPITAL_SOURCES.map((s) => `committeeProjects.capitalSourceValue.${s}`),
      ...["notStarted", "underWay", "ended"].map((s) => `committeeProjects.${s}`),
      "committeeProjects.status.active",
      "committeeProjects.status.dissolved",
      "committeeProjects.capitalSource",
      "committeeProjects.board",
      "committeeProjects.noBoard",
    ];
    for (const key of wanted) {
      expect(typeof at(vi, key), `vi ${key}`).toBe("string");
      expect(typeof at(en, key), `en ${key}`).toBe("string");
    }
  });
});
