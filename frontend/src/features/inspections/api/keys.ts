import type { CoverageParams } from "./get-coverage";
import type { ListPlansParams } from "./list-plans";
import type { ListRecommendationsParams } from "./list-recommendations";
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
  planLists: () => [...inspectionsKeys.plans(), "list"] as const,
  planList: (params: ListPlansParams) => [...inspectionsKeys.planLists(), params] as const,
  plan: (planId: string) => [...inspectionsKeys.plans(), "detail", planId] as const,
  topics: () => [...inspectionsKeys.all, "topics"] as const,
  coverage: (params: CoverageParams) => [...inspectionsKeys.all, "coverage", params] as const,
  recommendations: () => [...inspectionsKeys.all, "recommendations"] as const,
  recommendationLists: () => [...inspectionsKeys.recommendations(), "list"] as const,
  recommendationList: (params: ListRecommendationsParams) => [...inspectionsKeys.recommendationLists(), params] as const,
  teamRecommendations: (teamId: string) => [...inspectionsKeys.recommendationLists(), "team", teamId] as const,
  recommendation: (id: string) => [...inspectionsKeys.recommendations(), "detail", id] as const,
  recommendationReports: (id: string) => [...inspectionsKeys.recommendations(), "reports", id] as const,
  recommendationEvents: (id: string) => [...inspectionsKeys.recommendations(), "events", id] as const,
};
