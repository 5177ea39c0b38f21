import { describe, expect, it } from "vitest";
import type { components } from "../../../api/schema.gen";
import { PLAN_KINDS, RATINGS, SEVERITIES, TARGET_STATUSES, TEAM_ACTIONS, TEAM_KINDS, TEAM_STATUSES } from "../api/types";
import { TEAM_ACTION_FIELDS } from "../team-action";
import { en, vi } from ".";

type S = components["schemas"];
// Every value of the contract's enums, listed so that a value added to openapi.yaml fails to compile here.
const ISSUERS: Record<S["InspectionIssuer"], true> = {
  provincial_steering_committee: true,
  commune_steering_committee: true,
  party_committee: true,
  people_committee: true,
  fatherland_front: true,
};

const at = (bundle: object, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), bundle);

describe("the inspections' words", () => {
  it("name every kind, state, act, severity, rating and issuer in both languages", () => {
    const wanted = [
      ...TEAM_KINDS.map((k) => `inspections.kind.${k}`),
      ...TEAM_STATUSES.map((s) => `inspections.status.${s}`),
      ...TEAM_ACTIONS.flatMap((a) => [`inspections.action.${a}`, `inspections.actionHint.${a}`]),
      ...SEVERITIES.map((s) => `inspections.severity.${s}`),
      ...RATINGS.map((r) => `inspections.rating.${r}`),
      ...TARGET_STATUSES.map((s) => `inspections.targetStatus.${s}`),
      ...PLAN_KINDS.map((k) => `inspections.planKind.${k}`),
      ...Object.keys(ISSUERS).map((i) => `inspections.issuer.${i}`),
      ...TEAM_ACTION_FIELDS.map((f) => `inspections.actionForm.field.${f}`),
    ];
    for (const bundle of [vi, en]) for (const key of wanted) expect(typeof at(bundle, key), key).toBe("string");
  });
});
