import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { CoverageReport } from "./types";

/** The subtree (the reader's own unit when null) and the period, both ends inclusive (YYYY-MM-DD). */
export type CoverageParams = { withinUnitId: string | null; from: string; to: string };

export async function getCoverage(p: CoverageParams): Promise<CoverageReport> {
  return unwrap(
    await api.GET("/api/v1/inspections/coverage", {
      params: { query: { within_unit_id: p.withinUnitId || undefined, from: p.from, to: p.to } },
    }),
  );
}

export const coverageQueryOptions = (params: CoverageParams) =>
  queryOptions({
    queryKey: inspectionsKeys.coverage(params),
    queryFn: () => getCoverage(params),
    placeholderData: keepPreviousData,
  });

export function useCoverage(params: CoverageParams) {
  return useQuery(coverageQueryOptions(params));
}
