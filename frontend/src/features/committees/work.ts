import type { ActivityRead, CommitteeRead, ComplianceItem, RecommendationRead, SubtreeCompliance } from "./api/types";

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The notice of an activity's plan (Decree 59/2023/NĐ-CP, Art. 14), as the API counted it on the
 * working-day calendar: null when there is nothing to say (a plan, or no day sent or planned).
 */
export type Notice = { sentOn: string; workingDays: number | null; late: boolean; required: number | null; basis: string | null; ruleId: string | null };

export function noticeOf(a: ActivityRead): Notice | null {
  if (a.kind === "plan" || a.notice_sent_on === null) return null;
  return {
    sentOn: a.notice_sent_on,
    workingDays: a.notice_working_days,
    late: a.notice_late,
    required: a.notice_required_working_days,
    basis: a.notice_legal_basis,
    ruleId: a.notice_rule_id,
  };
}

/** Why a notice is late, in the reader's language: the working days the rule asks, its article and id. */
export function lateNoticeText(t: T, n: Notice): string {
  return t("committees.activities.lateRule", {
    required: n.required ?? "?",
    days: n.workingDays ?? "?",
    basis: n.basis ?? "Nghị định 59/2023/NĐ-CP, Điều 14",
    ruleId: n.ruleId ?? "pic-activity-notice",
  });
}

/** Activities as the committee's record lists them: the latest date first, plans before activities of the same day. */
export function byDate(activities: readonly ActivityRead[]): ActivityRead[] {
  const rank = (a: ActivityRead) => (a.kind === "plan" ? 0 : 1);
  return [...activities].sort((a, b) => (a.dated_on < b.dated_on ? 1 : a.dated_on > b.dated_on ? -1 : rank(a) - rank(b) || a.title.localeCompare(b.title, "vi")));
}

/** Days a recommendation's answer is late on `today` (0 when not overdue). */
export function daysOverdue(r: Pick<RecommendationRead, "overdue" | "response_due_on">, today: string): number {
  if (!r.overdue) return 0;
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.response_due_on}T00:00:00Z`);
  return Math.max(0, Math.round(ms / 86_400_000));
}

/** A committee's badge in a list, read from the subtree's report. */
export type Badge = { compliant: boolean; items: ComplianceItem[]; noTerm: boolean };

type Row = Pick<CommitteeRead, "id" | "kind" | "unit" | "established_on" | "status">;

/**
 * Each listed committee's badge from one subtree report (`GET /committees/compliance`) instead of
 * one compliance request per row. A committee is not compliant when an item names it; a commune
 * PIC with no term in force appears as its commune's `commune_without_pic` (no committee named);
 * one established after the day is not in the report at all and has no term in force either.
 * Null for a committee the report cannot speak for (a PIC whose commune has another PIC in term).
 */
export function badgesFromReport(report: SubtreeCompliance, rows: readonly Row[]): Map<string, Badge | null> {
  const named = new Map<string, ComplianceItem[]>();
  const communesWithout = new Set<string>();
  for (const item of report.items) {
    if (item.committee) named.set(item.committee.id, [...(named.get(item.committee.id) ?? []), item]);
    else if (item.problem === "commune_without_pic") communesWithout.add(item.unit.id);
  }
  const out = new Map<string, Badge | null>();
  const picsPerUnit = new Map<string, number>();
  for (const c of rows) if (c.kind === "people_inspection" && c.status === "active") picsPerUnit.set(c.unit.id, (picsPerUnit.get(c.unit.id) ?? 0) + 1);
  for (const c of rows) {
    const items = named.get(c.id) ?? [];
    if (c.established_on && c.established_on > report.as_of) {
      out.set(c.id, { compliant: false, items, noTerm: true });
    } else if (c.kind === "people_inspection" && communesWithout.has(c.unit.id)) {
      out.set(c.id, { compliant: false, items, noTerm: true });
    } else if (items.some((i) => i.problem === "committee_without_term")) {
      out.set(c.id, { compliant: false, items, noTerm: true });
    } else if (items.length > 0) {
      out.set(c.id, { compliant: false, items, noTerm: false });
    } else {
      out.set(c.id, (picsPerUnit.get(c.unit.id) ?? 0) > 1 ? null : { compliant: true, items, noTerm: false });
    }
  }
  return out;
}

/**
 * The sentences of a badge's tooltip: each broken rule once, in words with its article (the
 * villages without a representative named after it), then the other problems.
 */
export function badgeReasons(
  t: T,
  badge: Badge,
  ruleText: (ruleId: string) => string | null,
): string[] {
  const out: string[] = [];
  if (badge.noTerm) out.push(t("committees.compliance.noTerm"));
  const byRule = new Map<string, { basis: string; villages: string[] }>();
  for (const item of badge.items) {
    if (item.problem === "committee_without_term") continue;
    if (item.rule) {
      const entry = byRule.get(item.rule.id) ?? { basis: item.rule.legal_basis, villages: [] };
      if (item.problem === "village_without_representative") entry.villages.push(item.unit.name);
      byRule.set(item.rule.id, entry);
    } else {
      out.push(t(`committees.problemKind.${item.problem}`));
    }
  }
  for (const [id, { basis, villages }] of byRule) {
    const words = ruleText(id) ?? id;
    out.push(villages.length > 0 ? `${words} (${basis}): ${villages.join(", ")}` : `${words} (${basis})`);
  }
  return out;
}
