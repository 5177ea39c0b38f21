import { ApiError } from "../../api/client";
import type { MemberRead, TermRead } from "./api/types";
import type { Village } from "./api/list-villages";

type T = (key: string, options?: Record<string, unknown>) => string;

/** What a rule requires, in the reader's language ("At least 5 members"), from its requirement and value. */
export function requirementText(t: T, rule: { requirement: string; value: number | null; rule_id?: string; id?: string }): string {
  const fallback = rule.rule_id ?? rule.id ?? rule.requirement;
  return t(`committees.requirement.${rule.requirement}`, { value: rule.value ?? "", defaultValue: fallback });
}

/** The villages and residential groups no member sitting that day represents, in the order given. */
export function villagesWithoutRepresentative(villages: readonly Village[], sitting: readonly MemberRead[]): Village[] {
  const represented = new Set(sitting.map((m) => m.represented_unit_id).filter((id): id is string => id !== null));
  return villages.filter((v) => !represented.has(v.id));
}

/** Whether a member sits on a day (YYYY-MM-DD): joined on or before it, not yet left (`left_on` is exclusive). */
export function sitsOn(member: Pick<MemberRead, "joined_on" | "left_on">, day: string): boolean {
  return member.joined_on <= day && (member.left_on === null || day < member.left_on);
}

/** Whether a term is in force on a day: from its start to its end (ended, else planned; exclusive). */
export function inForce(term: Pick<TermRead, "starts_on" | "planned_end_on" | "ended_on">, day: string): boolean {
  return term.starts_on <= day && day < (term.ended_on ?? term.planned_end_on);
}

/** Terms newest first; the one in force today first of all (or, without one, the latest). */
export function orderTerms(terms: readonly TermRead[]): TermRead[] {
  return [...terms].sort((a, b) => (a.starts_on < b.starts_on ? 1 : a.starts_on > b.starts_on ? -1 : 0));
}

/** The term shown first: the one in force on `today`, else the latest. */
export function currentTerm(terms: readonly TermRead[], today: string): TermRead | null {
  const ordered = orderTerms(terms);
  return ordered.find((t) => inForce(t, today)) ?? ordered[0] ?? null;
}

/** A refusal that names a composition rule (422 member_ineligible / composition_rule_broken). */
export type RuleRefusal = { code: string; ruleId: string; legalBasis: string };

export function ruleRefusal(error: unknown): RuleRefusal | null {
  if (!(error instanceof ApiError)) return null;
  const { rule_id: ruleId, legal_basis: legalBasis } = error.extensions;
  if (typeof ruleId !== "string" || typeof legalBasis !== "string") return null;
  return { code: error.code, ruleId, legalBasis };
}

/**
 * The sentence a form shows for a refusal, in the reader's language: what was refused, the rule in
 * words (from the rule table when loaded, else its id) and its article. Null when the error names no rule.
 */
export function refusalMessage(
  t: T,
  error: unknown,
  rules: readonly { id: string; requirement: string; value: number | null }[] | undefined,
): string | null {
  const refusal = ruleRefusal(error);
  if (!refusal) return null;
  const rule = rules?.find((r) => r.id === refusal.ruleId);
  const what = rule ? requirementText(t, rule) : refusal.ruleId;
  return t(`committees.problem.${refusal.code}`, {
    rule: what,
    ruleId: refusal.ruleId,
    basis: refusal.legalBasis,
    defaultValue: t("committees.problem.composition_rule_broken", { rule: what, ruleId: refusal.ruleId, basis: refusal.legalBasis }),
  });
}

const ROLE_ORDER: Record<string, number> = { head: 0, deputy_head: 1, member: 2 };

/** Members as a term's record lists them: the head, the deputy heads, then the members, each by name. */
export function byRole<M extends Pick<MemberRead, "role" | "full_name">>(members: readonly M[]): M[] {
  return [...members].sort((a, b) => (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3) || a.full_name.localeCompare(b.full_name, "vi"));
}
