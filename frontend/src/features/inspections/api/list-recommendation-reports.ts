import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { ProgressReportRead, RecommendationEventRead } from "./types";

/** The owner's progress reports, by the day each speaks of. */
export async function listRecommendationReports(id: string): Promise<ProgressReportRead[]> {
  return unwrap(
    await api.GET("/api/v1/inspections/recommendations/{recommendation_id}/reports", { params: { path: { recommendation_id: id } } }),
  );
}

export const recommendationReportsQueryOptions = (id: string) =>
  queryOptions({ queryKey: inspectionsKeys.recommendationReports(id), queryFn: () => listRecommendationReports(id) });

export function useRecommendationReports(id: string) {
  return useQuery(recommendationReportsQueryOptions(id));
}

/** Every move of the recommendation, oldest first. */
export async function listRecommendationEvents(id: string): Promise<RecommendationEventRead[]> {
  return unwrap(
    await api.GET("/api/v1/inspections/recommendations/{recommendation_id}/events", { params: { path: { recommendation_id: id } } }),
  );
}

export const recommendationEventsQueryOptions = (id: string) =>
  queryOptions({ queryKey: inspectionsKeys.recommendationEvents(id), queryFn: () => listRecommendationEvents(id) });

export function useRecommendationEvents(id: string) {
  return useQuery(recommendationEventsQueryOptions(id));
}
