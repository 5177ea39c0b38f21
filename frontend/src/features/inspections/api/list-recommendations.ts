import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { RecommendationPage, RecommendationStatus } from "./types";

export type ListRecommendationsParams = {
  /** Addressed to this unit or one below it. */
  ownerWithinUnitId?: string | null;
  /** Of teams organised by this unit or one below it. */
  withinUnitId?: string | null;
  teamId?: string | null;
  status?: RecommendationStatus[];
  /** true: only the overdue; false: the others; null: both. */
  overdue?: boolean | null;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  includeTotal?: boolean;
};

export const RECOMMENDATIONS_PAGE_SIZE = 20;

const recommendationsQuery = (p: ListRecommendationsParams) => ({
  owner_within_unit_id: p.ownerWithinUnitId || undefined,
  within_unit_id: p.withinUnitId || undefined,
  team_id: p.teamId || undefined,
  status: p.status && p.status.length > 0 ? p.status : undefined,
  overdue: p.overdue ?? undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? RECOMMENDATIONS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listRecommendations(p: ListRecommendationsParams): Promise<RecommendationPage> {
  return unwrap(await api.GET("/api/v1/inspections/recommendations", { params: { query: recommendationsQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportRecommendations(p: ListRecommendationsParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/inspections/recommendations", {
      params: { query: { ...recommendationsQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listRecommendationsQueryOptions = (params: ListRecommendationsParams) =>
  queryOptions({
    queryKey: inspectionsKeys.recommendationList(params),
    queryFn: () => listRecommendations(params),
    placeholderData: keepPreviousData,
  });

export function useRecommendations(params: ListRecommendationsParams) {
  return useQuery(listRecommendationsQueryOptions(params));
}
