import type { ListPlansParams } from "./list-plans";
import type { ListTeamsParams } from "./list-teams";

/** Every query key of the inspections feature, widest first. */
export const inspectionsKeys = {
  all: ["inspections"] as const,
  teams: () => [...inspectionsKeys.all, "teams"] as const,
  teamLists: () => [...inspectionsKeys.teams(), "list"] as const,
  teamList: (params: ListTeamsParams) => [...inspectionsKeys.teamLists(), params] as const,
  team: (teamId: string) => [...inspectionsKeys.teams(), "detail", teamId] as const,
  teamEvents: (teamId: string) => [...inspectionsKeys.teams(), "events", teamId] as const,
  findings: (teamId: string) => [...inspectionsKeys.teams(), "findings", teamId] as const,
  workflow: () => [...inspectionsKeys.teams(), "workflow"] as const,
  plans: () => [...inspectionsKeys.all, "plans"] as const,
  planList: (params: ListPlansParams) => [...inspectionsKeys.plans(), "list", params] as const,
  plan: (planId: string) => [...inspectionsKeys.plans(), "detail", planId] as const,
  topics: () => [...inspectionsKeys.all, "topics"] as const,
};
