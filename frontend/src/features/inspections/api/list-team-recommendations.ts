import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { RecommendationSummary } from "./types";

/** A team's recommendations, those still followed up first, by due date (only those addressed to the reader's units unless it covers the organiser). */
export async function listTeamRecommendations(teamId: string): Promise<RecommendationSummary[]> {
  return unwrap(await api.GET("/api/v1/inspections/teams/{team_id}/recommendations", { params: { path: { team_id: teamId } } }));
}

export const teamRecommendationsQueryOptions = (teamId: string) =>
  queryOptions({ queryKey: inspectionsKeys.teamRecommendations(teamId), queryFn: () => listTeamRecommendations(teamId) });

export function useTeamRecommendations(teamId: string) {
  return useQuery(teamRecommendationsQueryOptions(teamId));
}
