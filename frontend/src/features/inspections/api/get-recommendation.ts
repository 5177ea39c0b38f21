import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { RecommendationRead } from "./types";

/** A recommendation with the `ETag` its moves send back in `If-Match`, and what its reader may do now. */
export type VersionedRecommendation = { recommendation: RecommendationRead; etag: string | null };

export async function getRecommendation(id: string): Promise<VersionedRecommendation> {
  const result = await api.GET("/api/v1/inspections/recommendations/{recommendation_id}", {
    params: { path: { recommendation_id: id } },
  });
  return { recommendation: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const recommendationQueryOptions = (id: string) =>
  queryOptions({ queryKey: inspectionsKeys.recommendation(id), queryFn: () => getRecommendation(id) });

export function useRecommendation(id: string) {
  return useQuery(recommendationQueryOptions(id));
}
