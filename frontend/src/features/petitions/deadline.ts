import type { DeadlineState, PetitionSummary } from "./api/types";

/** Days left at or under which a limit is at risk (the API's `at_risk`, api/petitions/deadlines.py). */
export const AT_RISK_DAYS = 5;

export type DeadlineTone = DeadlineState | "settled_on_time" | "settled_late" | "none";

export type DeadlineBadgeModel = {
  tone: DeadlineTone;
  /** antd Tag colour; at-risk orange text is darkened for AA contrast by the component. */
  color: "green" | "orange" | "red" | "default";
  /** i18n key of the tag's label. */
  label: string;
  dueOn: string | null;
  /** i18n key and count of the "days left" text, when a limit is running. */
  days: { key: string; count: number } | null;
};

const COLOR: Record<DeadlineTone, DeadlineBadgeModel["color"]> = {
  on_track: "green",
  at_risk: "orange",
  overdue: "red",
  settled_on_time: "green",
  settled_late: "red",
  none: "default",
};

function daysText(daysLeft: number | null): DeadlineBadgeModel["days"] {
  if (daysLeft === null) return null;
  if (daysLeft > 0) return { key: "petitions.deadline.daysLeft", count: daysLeft };
  if (daysLeft === 0) return { key: "petitions.deadline.dueToday", count: 0 };
  return { key: "petitions.deadline.daysOverdue", count: -daysLeft };
}

/**
 * What the due-date badge says about a case: the state of its earliest running limit as the API
 * computed it today (`deadline_state`, `days_left`), or, once nothing runs, whether it was settled
 * on time.
 */
export function deadlineBadge(
  p: Pick<PetitionSummary, "due_on" | "days_left" | "deadline_state" | "settled_on_time">,
): DeadlineBadgeModel {
  let tone: DeadlineTone;
  if (p.deadline_state) tone = p.deadline_state;
  else if (p.settled_on_time === true) tone = "settled_on_time";
  else if (p.settled_on_time === false) tone = "settled_late";
  else tone = "none";
  const running = p.deadline_state !== null && p.due_on !== null;
  return {
    tone,
    color: COLOR[tone],
    label: `petitions.deadline.${tone}`,
    dueOn: running ? p.due_on : null,
    days: running ? daysText(p.days_left) : null,
  };
}

/** Whole days from `today` to `due` (both YYYY-MM-DD calendar dates); negative when past. */
export function daysBetween(today: string, due: string): number {
  const utc = (d: string) => {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((utc(due) - utc(today)) / 86_400_000);
}

/** The state of one time limit of the case's list, as the API rates the earliest one. */
export function limitState(
  limit: { due_on: string; ended_on: string | null },
  today: string,
): DeadlineState | "ended_on_time" | "ended_late" {
  if (limit.ended_on !== null) return limit.ended_on <= limit.due_on ? "ended_on_time" : "ended_late";
  const left = daysBetween(today, limit.due_on);
  if (left < 0) return "overdue";
  return left <= AT_RISK_DAYS ? "at_risk" : "on_track";
}

/** Today's date in Vietnam (YYYY-MM-DD), the calendar every legal time limit counts in. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(now);
}
