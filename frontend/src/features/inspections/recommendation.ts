import type { Dayjs } from "dayjs";
import type { FieldResolver } from "../../lib/form-errors";
import type {
  DayBasis,
  ProgressReportCreate,
  RecommendationAction,
  RecommendationCreate,
  RecommendationStatus,
  RecommendationSummary,
  RecommendationTransitionRequest,
  TeamRead,
} from "./api/types";

/** Days left at or under which a recommendation is shown as due soon. */
export const DUE_SOON_DAYS = 7;

export type DueTone = "on_track" | "due_soon" | "overdue" | "verified" | "verified_late";

export type DueBadgeModel = {
  tone: DueTone;
  color: "green" | "orange" | "red" | "default";
  /** i18n key of the tag's label. */
  label: string;
  /** i18n key and count of the days text, while the recommendation is followed up. */
  days: { key: string; count: number } | null;
};

const COLOR: Record<DueTone, DueBadgeModel["color"]> = {
  on_track: "green",
  due_soon: "orange",
  overdue: "red",
  verified: "green",
  verified_late: "red",
};

/**
 * What the due badge says, from what the API computed today (`overdue`, `days_left`): overdue, due
 * soon or on track with the days left, or, once verified closed, whether it was verified on time.
 */
export function recommendationDue(r: Pick<RecommendationSummary, "due_on" | "days_left" | "overdue" | "status" | "verified_on">): DueBadgeModel {
  let tone: DueTone;
  if (r.status === "verified_closed") tone = r.verified_on !== null && r.verified_on > r.due_on ? "verified_late" : "verified";
  else if (r.overdue) tone = "overdue";
  else if (r.days_left !== null && r.days_left <= DUE_SOON_DAYS) tone = "due_soon";
  else tone = "on_track";
  let days: DueBadgeModel["days"] = null;
  if (r.status !== "verified_closed" && r.days_left !== null) {
    if (r.days_left > 0) days = { key: "inspections.due.daysLeft", count: r.days_left };
    else if (r.days_left === 0) days = { key: "inspections.due.dueToday", count: 0 };
    else days = { key: "inspections.due.daysOverdue", count: -r.days_left };
  }
  return { tone, color: COLOR[tone], label: `inspections.due.${tone}`, days };
}

/** The moves of the owner unit and of the organiser, in workflow order (workflow.py). */
export const OWNER_ACTIONS: ReadonlySet<RecommendationAction> = new Set(["start", "report_done"]);
export const ORGANISER_ACTIONS: ReadonlySet<RecommendationAction> = new Set(["verify", "reject_report"]);
/** Sending a report back is shown as dangerous and asks why. */
export const REJECTING: ReadonlySet<RecommendationAction> = new Set(["reject_report"]);

/** Whether progress reports may be filed now (the API takes them while open or in progress, from the owner). */
export function mayReport(r: { status: RecommendationStatus; allowed_actions: readonly RecommendationAction[] }): boolean {
  return (r.status === "open" || r.status === "in_progress") && r.allowed_actions.some((a) => OWNER_ACTIONS.has(a));
}

/** The units a recommendation may be addressed to from the team page: the organiser and the units it visited. */
export function ownerOptions(team: Pick<TeamRead, "organising_unit" | "targets">): { value: string; label: string }[] {
  const seen = new Set<string>();
  const out: { value: string; label: string }[] = [];
  for (const u of [...team.targets.map((x) => x.unit), team.organising_unit]) {
    if (seen.has(u.id)) continue;
    seen.add(u.id);
    out.push({ value: u.id, label: u.name });
  }
  return out;
}

export type DueMode = "date" | "days";

export type RecommendationFormValues = {
  owner_unit_id?: string | null;
  content?: string | null;
  finding_id?: string | null;
  due_mode?: DueMode;
  due_on?: Dayjs | null;
  due_days?: number | null;
  due_basis?: DayBasis;
};

function text(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.trim();
  return s === "" ? null : s;
}

/** The body of `POST /inspections/teams/{id}/recommendations`: exactly one of `due_on` and `due_in`. */
export function buildRecommendationCreate(v: RecommendationFormValues): RecommendationCreate {
  const body: RecommendationCreate = { owner_unit_id: v.owner_unit_id ?? "", content: text(v.content) ?? "" };
  if (v.finding_id) body.finding_id = v.finding_id;
  if ((v.due_mode ?? "date") === "date") body.due_on = v.due_on ? v.due_on.format("YYYY-MM-DD") : null;
  else body.due_in = { days: v.due_days ?? 0, basis: v.due_basis ?? "working" };
  return body;
}

/** Server field errors onto the issue form (`due_in.days` → the days field). */
export const recommendationFieldResolver: FieldResolver<string> = (path) => {
  switch (path[0]) {
    case "owner_unit_id":
    case "content":
    case "finding_id":
    case "due_on":
      return path[0];
    case "due_in":
      return path[1] === "basis" ? "due_basis" : "due_days";
    default:
      return undefined;
  }
};

export type MoveFormValues = { effective_on?: Dayjs | null; reason?: string | null; note?: string | null };

/** The body of `POST /inspections/recommendations/{id}/transitions`. */
export function buildRecommendationTransition(action: RecommendationAction, v: MoveFormValues): RecommendationTransitionRequest {
  const body: RecommendationTransitionRequest = { action };
  if (v.effective_on) body.effective_on = v.effective_on.format("YYYY-MM-DD");
  const note = text(v.note);
  if (note) body.note = note;
  const reason = text(v.reason);
  if (REJECTING.has(action) && reason) body.reason = reason;
  return body;
}

export type ReportFormValues = { text?: string | null; reported_on?: Dayjs | null };

/** The body of `POST /inspections/recommendations/{id}/reports`. */
export function buildProgressReport(v: ReportFormValues): ProgressReportCreate {
  const body: ProgressReportCreate = { text: text(v.text) ?? "" };
  if (v.reported_on) body.reported_on = v.reported_on.format("YYYY-MM-DD");
  return body;
}

/** The day of the recommendation's last act (YYYY-MM-DD), or its team's conclusion: no act is dated before it. */
export function lastRecommendationActOn(events: readonly { effective_on: string }[] | undefined, concludedOn: string | null = null): string | null {
  let last = concludedOn;
  for (const e of events ?? []) if (last === null || e.effective_on > last) last = e.effective_on;
  return last;
}
