import type { ProjectRead } from "./api/types";

export type ProjectState = "notStarted" | "underWay" | "ended";

export const STATE_COLOR: Record<ProjectState, string> = { notStarted: "default", underWay: "blue", ended: "default" };

/** Where a project stands, as the API says (`under_way`), else from its dates on `today` (its actual end exclusive). */
export function projectState(p: Pick<ProjectRead, "under_way" | "starts_on" | "actual_end_on">, today?: string): ProjectState {
  if (today === undefined) {
    if (p.under_way) return "underWay";
    return p.actual_end_on !== null ? "ended" : "notStarted";
  }
  if (p.actual_end_on !== null && p.actual_end_on <= today) return "ended";
  return p.starts_on <= today ? "underWay" : "notStarted";
}
