import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { unitsKeys } from "./keys";

export type SearchUnitsParams = { q: string; limit?: number; cursor?: string | null };

export async function searchUnits({ q, limit = 20, cursor }: SearchUnitsParams) {
  return unwrap(await api.GET("/api/v1/units", { params: { query: { q, limit, cursor: cursor ?? undefined } } }));
}

export const searchUnitsQueryOptions = (params: SearchUnitsParams) =>
  queryOptions({
    queryKey: unitsKeys.search(params),
    queryFn: () => searchUnits(params),
    enabled: params.q.trim().length > 0,
    placeholderData: keepPreviousData,
  });

export function useSearchUnits(params: SearchUnitsParams) {
  return useQuery(searchUnitsQueryOptions(params));
}
