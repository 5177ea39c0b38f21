import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { unitsKeys } from "./keys";

/** `withinUnitId`: only that unit and the units below it (then an empty `q` lists them, by code). */
export type SearchUnitsParams = { q: string; limit?: number; cursor?: string | null; withinUnitId?: string | null };

export async function searchUnits({ q, limit = 20, cursor, withinUnitId }: SearchUnitsParams) {
  return unwrap(
    await api.GET("/api/v1/units", {
      params: { query: { q: q || undefined, limit, cursor: cursor ?? undefined, within_unit_id: withinUnitId || undefined } },
    }),
  );
}

export const searchUnitsQueryOptions = (params: SearchUnitsParams) =>
  queryOptions({
    queryKey: unitsKeys.search(params),
    queryFn: () => searchUnits(params),
    enabled: params.q.trim().length > 0 || Boolean(params.withinUnitId),
    placeholderData: keepPreviousData,
  });

export function useSearchUnits(params: SearchUnitsParams) {
  return useQuery(searchUnitsQueryOptions(params));
}
