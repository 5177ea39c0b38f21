import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ApiKeyPage } from "./types";
import { apiKeysKeys } from "./keys";

export type ListApiKeysParams = { includeRevoked: boolean; sort?: string; cursor?: string | null };

/** Sort fields the API accepts for API keys (`-` for descending); newest first by default. */
export const API_KEY_SORTS = ["name", "created_at"] as const;

export async function listApiKeys({ includeRevoked, sort = "-created_at", cursor }: ListApiKeysParams): Promise<ApiKeyPage> {
  return unwrap(
    await api.GET("/api/v1/api-keys", {
      params: { query: { include_revoked: includeRevoked, sort, cursor: cursor ?? undefined, limit: 20 } },
    }),
  );
}

export const listApiKeysQueryOptions = (params: ListApiKeysParams) =>
  queryOptions({ queryKey: apiKeysKeys.list(params), queryFn: () => listApiKeys(params), placeholderData: keepPreviousData });

export function useApiKeys(params: ListApiKeysParams) {
  return useQuery(listApiKeysQueryOptions(params));
}
