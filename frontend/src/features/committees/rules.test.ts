import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import type { MemberRead, TermRead } from "./api/types";
import { byRole, currentTerm, inForce, refusalMessage, requirementText, ruleRefusal, sitsOn, villagesWithoutRepresentative } from "./rules";

// A t() that shows which key and values it was asked for.
const t = (key: string, options?: Record<string, unknown>) => {
  const { defaultValue: _d, ...rest } = options ?? {};
  return `${key}${Object.keys(rest).length ? JSON.stringify(rest) : ""}`;
};

const term = (starts_on: string, planned_end_on: string, ended_on: string | null = null) =>
  ({ id: starts_on, starts_on, planned_end_on, ended_on }) as TermRead;
const member = (id: string, represented: string | null, joined_on = "2024-03-15", left_on: string | null = null) =>
  ({ id, represented_unit_id: represented, joined_on, left_on }) as MemberRead;

describe("terms and members on a day", () => {
  it("holds a term in force from its start to its end, ends exclusive", () => {
    const t1 = term("2024-03-15", "2026-09-15");
    expect(inForce(t1, "2024-03-15")).toBe(true);
    expect(inForce(t1, "2026-09-14")).toBe(true);
    expect(inForce(t1, "2026-09-15")).toBe(false);
    expect(inForce(term("2024-03-15", "2026-09-15", "2025-01-01"), "2025-01-01")).toBe(false);
  });

  it("shows the term in force first, else the latest", () => {
    const old = term("2021-03-01", "2023-03-01");
    const now = term("2024-03-15", "2027-03-15");
    expect(currentTerm([old, now], "2026-11-26")?.starts_on).toBe("2024-03-15");
    expect(currentTerm([old, term("2027-03-15", "2032-03-15")], "2026-11-26")?.starts_on).toBe("2027-03-15");
    expect(currentTerm([], "2026-11-26")).toBeNull();
  });

  it("seats a member from joining to leaving (exclusive)", () => {
    expect(sitsOn(member("a", null, "2024-03-15", "2026-06-01"), "2026-05-31")).toBe(true);
    expect(sitsOn(member("a", null, "2024-03-15", "2026-06-01"), "2026-06-01")).toBe(false);
    expect(sitsOn(member("a", null, "2026-12-01"), "2026-11-26")).toBe(false);
  });

  it("names the villages nobody sitting represents", () => {
    const villages = [
      { id: "v1", name: "Xóm Nà 01", kind: "village" },
      { id: "v2", name: "Xóm Nà 02", kind: "village" },
      { id: "v3", name: "Tổ 3", kind: "residential_group" },
    ];
    expect(villagesWithoutRepresentative(villages, [member("a", "v1"), member("b", null), member("c", "v3")]).map((v) => v.name)).toEqual([
      "Xóm Nà 02",
    ]);
  });
});

describe("a rule in words", () => {
  it("says what a rule requires with its number", () => {
    expect(requirementText(t, { requirement: "min_members", value: 5 })).toBe('committees.requirement.min_members{"value":5}');
  });

  it("reads the rule and article a refusal carries", () => {
    const refused = new ApiError({
      status: 422,
      code: "member_ineligible",
      detail: "Nông Văn A is not eligible",
      extensions: { rule_id: "pic-no-commune-post", legal_basis: "Luật 10/2022/QH15, Điều 37" },
    });
    expect(ruleRefusal(refused)).toEqual({ code: "member_ineligible", ruleId: "pic-no-commune-post", legalBasis: "Luật 10/2022/QH15, Điều 37" });
    expect(ruleRefusal(new ApiError({ status: 409, code: "term_overlap", detail: "x" }))).toBeNull();
    expect(ruleRefusal(new Error("x"))).toBeNull();
    const rules = [{ id: "pic-no-commune-post", requirement: "no_commune_post", value: null }];
    const said = refusalMessage(t, refused, rules) ?? "";
    expect(said).toContain("committees.problem.member_ineligible");
    expect(said).toContain("committees.requirement.no_commune_post");
    expect(said).toContain("Luật 10/2022/QH15, Điều 37");
    // Without the rule table the rule is named by its id.
    expect(refusalMessage(t, refused, undefined)).toContain('"rule":"pic-no-commune-post"');
  });
});

describe("a term's record", () => {
  it("lists the head, the deputy heads, then the members, by name", () => {
    const m = (full_name: string, role: MemberRead["role"]) => ({ full_name, role });
    expect(byRole([m("Bế Thị Mai", "member"), m("Đàm Thị Hoa", "deputy_head"), m("Ánh", "member"), m("Lan", "head")]).map((x) => x.full_name)).toEqual([
      "Lan",
      "Đàm Thị Hoa",
      "Ánh",
      "Bế Thị Mai",
    ]);
  });
});
