import { describe, expect, it } from "vitest";
import type { ActivityRead, ComplianceItem, SubtreeCompliance } from "./api/types";
import { badgeReasons, badgesFromReport, byDate, daysOverdue, lateNoticeText, noticeOf } from "./work";

const t = (key: string, o?: Record<string, unknown>) => (o ? `${key} ${JSON.stringify(o)}` : key);

function activity(over: Partial<ActivityRead>): ActivityRead {
  return {
    id: "a",
    committee_id: "c",
    kind: "inspection",
    title: "Kiểm tra",
    period: null,
    period_starts_on: null,
    period_ends_on: null,
    subject_kind: "commune_authority",
    subject_description: null,
    planned_on: "2026-09-07",
    dated_on: "2026-09-07",
    notice_sent_on: "2026-08-28",
    notice_working_days: 3,
    notice_late: true,
    notice_rule_id: "pic-activity-notice",
    notice_required_working_days: 5,
    notice_legal_basis: "Nghị định 59/2023/NĐ-CP, Điều 14",
    held_on: null,
    findings: null,
    notes: null,
    created_at: "2026-08-28T00:00:00Z",
    updated_at: "2026-08-28T00:00:00Z",
    ...over,
  };
}

describe("an activity's notice", () => {
  it("is what the API counted, late with the rule's days, article and id", () => {
    const n = noticeOf(activity({}))!;
    expect(n).toMatchObject({ sentOn: "2026-08-28", workingDays: 3, late: true, required: 5 });
    const text = lateNoticeText(t, n);
    expect(text).toContain('"required":5');
    expect(text).toContain('"days":3');
    expect(text).toContain("Nghị định 59/2023/NĐ-CP, Điều 14");
    expect(text).toContain("pic-activity-notice");
  });

  it("is nothing for a plan or an activity whose plan was not sent", () => {
    expect(noticeOf(activity({ kind: "plan" }))).toBeNull();
    expect(noticeOf(activity({ notice_sent_on: null }))).toBeNull();
  });

  it("lists the latest first, a plan before the activities of its first day", () => {
    const list = byDate([
      activity({ id: "old", dated_on: "2026-07-01" }),
      activity({ id: "act", dated_on: "2026-10-01" }),
      activity({ id: "plan", kind: "plan", dated_on: "2026-10-01" }),
    ]);
    expect(list.map((a) => a.id)).toEqual(["plan", "act", "old"]);
  });
});

describe("a recommendation's lateness", () => {
  it("counts the days since the answer was due, only when overdue", () => {
    expect(daysOverdue({ overdue: true, response_due_on: "2026-11-20" }, "2026-11-26")).toBe(6);
    expect(daysOverdue({ overdue: false, response_due_on: "2026-11-20" }, "2026-11-26")).toBe(0);
  });
});

describe("the list's badges from one subtree report", () => {
  const unit = (id: string, name = id) => ({ id, code: id, name, kind: "commune" as const, status: "active" as const });
  const row = (id: string, unitId: string, over: object = {}) => ({
    id,
    kind: "people_inspection" as const,
    unit: unit(unitId),
    established_on: "2025-08-15",
    status: "active" as const,
    ...over,
  });
  const item = (over: Partial<ComplianceItem>): ComplianceItem => ({
    problem: "rule_broken",
    unit: unit("u1"),
    committee: null,
    project: null,
    rule: null,
    detail: "",
    ...over,
  });
  const report = (items: ComplianceItem[]): SubtreeCompliance => ({
    within_unit_id: null,
    as_of: "2026-11-26",
    counts: {},
    totals: { communes: 3, villages: 10, committees: 3, committees_in_term: 2, compliant_committees: 1, projects_under_way: 0, problems: items.length },
    items,
    next_cursor: null,
    total: items.length,
  });

  it("says compliant when no item names the committee, not compliant with the items that do", () => {
    const villageItem = item({
      problem: "village_without_representative",
      unit: { ...unit("v7", "Xóm Nà 07"), kind: "village" },
      committee: { id: "c1", name: "Ban 1", kind: "people_inspection", term_id: "t1" },
      rule: { id: "pic-one-per-village", legal_basis: "Luật 10/2022/QH15, Điều 36 khoản 1" },
    });
    const badges = badgesFromReport(report([villageItem]), [row("c1", "u1"), row("c2", "u2")]);
    expect(badges.get("c1")).toEqual({ compliant: false, items: [villageItem], noTerm: false });
    expect(badges.get("c2")).toEqual({ compliant: true, items: [], noTerm: false });
    const reasons = badgeReasons(t, badges.get("c1")!, (id) => (id === "pic-one-per-village" ? "Mỗi thôn một người" : null));
    expect(reasons).toEqual(["Mỗi thôn một người (Luật 10/2022/QH15, Điều 36 khoản 1): Xóm Nà 07"]);
  });

  it("finds a commune PIC without a term in force through its commune, and one established after the day", () => {
    const badges = badgesFromReport(report([item({ problem: "commune_without_pic", unit: unit("u1") })]), [
      row("c1", "u1"),
      row("c2", "u2", { established_on: "2026-12-01" }),
    ]);
    expect(badges.get("c1")).toMatchObject({ compliant: false, noTerm: true });
    expect(badges.get("c2")).toMatchObject({ compliant: false, noTerm: true });
    expect(badgeReasons(t, badges.get("c1")!, () => null)).toEqual(["committees.compliance.noTerm"]);
  });

  it("leaves to the committee's own compliance a commune listed with two active PICs", () => {
    const badges = badgesFromReport(report([]), [row("c1", "u1"), row("c2", "u1")]);
    expect(badges.get("c1")).toBeNull();
    expect(badgesFromReport(report([]), [row("c1", "u1"), row("c2", "u1", { status: "dissolved" })]).get("c1")).toMatchObject({ compliant: true });
  });

  it("names an agency PIC or a board without a term, and other problems in words", () => {
    const agency = { id: "c3", name: "Ban 3", kind: "people_inspection_agency" as const, term_id: null };
    const badges = badgesFromReport(report([item({ problem: "committee_without_term", committee: agency }), item({ problem: "term_expired", committee: agency })]), [
      row("c3", "u3", { kind: "people_inspection_agency" }),
    ]);
    expect(badges.get("c3")).toMatchObject({ compliant: false, noTerm: true });
    expect(badgeReasons(t, badges.get("c3")!, () => null)).toEqual(["committees.compliance.noTerm", "committees.problemKind.term_expired"]);
  });
});
