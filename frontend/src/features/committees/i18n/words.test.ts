import { describe, expect, it } from "vitest";
import type { components } from "../../../api/schema.gen";
import {
  ACTIVITY_KINDS,
  AUTHORITY_ANSWERS,
  COMMITTEE_KINDS,
  CONSTITUENCIES,
  GENDERS,
  JOINED_BY,
  LEAVING_REASONS,
  MEMBER_ROLES,
  PLAN_PERIODS,
  SUBJECT_KINDS,
} from "../api/types";
import { en, vi } from ".";

type S = components["schemas"];
// Every requirement of the contract, listed so that a value added to openapi.yaml fails to compile here.
const REQUIREMENTS: Record<S["RuleCheck"], true> = {
  min_members: true,
  max_members: true,
  one_per_village: true,
  max_heads: true,
  max_deputy_heads: true,
  max_resident_members: true,
  max_term_years: true,
  no_commune_post: true,
  not_related_to_project: true,
};
const PROBLEMS: Record<S["ComplianceProblem"], true> = {
  commune_without_pic: true,
  pic_too_few_members: true,
  pic_too_many_members: true,
  village_without_representative: true,
  rule_broken: true,
  term_expired: true,
  committee_without_term: true,
  project_without_board: true,
  cisb_under_size: true,
};
const STATUSES: Record<S["CommitteeRecommendationStatus"], true> = { sent: true, answered: true, closed: true };

const at = (bundle: object, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), bundle);

describe("the committees' words", () => {
  it("name every kind, role, way of joining, reason for leaving, requirement, activity, answer and problem in both languages", () => {
    const wanted = [
      ...COMMITTEE_KINDS.map((k) => `committees.kind.${k}`),
      ...MEMBER_ROLES.map((r) => `committees.role.${r}`),
      ...JOINED_BY.map((j) => `committees.joinedByValue.${j}`),
      ...LEAVING_REASONS.map((r) => `committees.leavingReasonValue.${r}`),
      ...GENDERS.map((g) => `committees.genderValue.${g}`),
      ...CONSTITUENCIES.map((c) => `committees.constituencyValue.${c}`),
      ...Object.keys(REQUIREMENTS).map((r) => `committees.requirement.${r}`),
      "committees.problem.member_ineligible",
      "committees.problem.composition_rule_broken",
      "committees.problem.term_overlap",
      ...ACTIVITY_KINDS.map((k) => `committees.activityKind.${k}`),
      ...PLAN_PERIODS.map((p) => `committees.period.${p}`),
      ...SUBJECT_KINDS.map((k) => `committees.subjectKind.${k}`),
      ...AUTHORITY_ANSWERS.map((a) => `committees.answer.${a}`),
      ...Object.keys(STATUSES).map((s) => `committees.recommendationStatus.${s}`),
      ...Object.keys(PROBLEMS).map((p) => `committees.problemKind.${p}`),
      "committees.activities.late",
      "committees.activities.lateRule",
    ];
    for (const key of wanted) {
      expect(typeof at(vi, key), `vi ${key}`).toBe("string");
      expect(typeof at(en, key), `en ${key}`).toBe("string");
    }
  });
});
