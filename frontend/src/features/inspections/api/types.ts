import type { components } from "../../../api/schema.gen";

type S = components["schemas"];
export type TeamSummary = S["TeamSummary"];
export type TeamPage = S["TeamSummaryPage"];
export type TeamKind = S["InspectionTeamKind"];
export type TeamStatus = S["InspectionTeamStatus"];

export const TEAM_KINDS: readonly TeamKind[] = ["inspection", "supervision", "thematic_survey"];
export const TEAM_STATUSES: readonly TeamStatus[] = [
  "planned",
  "established",
  "in_progress",
  "reported",
  "concluded",
  "closed",
  "cancelled",
];
export const TEAM_SORTS = ["planned_start", "created_at", "title"] as const;
