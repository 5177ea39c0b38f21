import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import type { ApiKeyPage } from "./types";
import { apiKeysKeys } from "./keys";

export type ListApiKeysParams = {
  includeRevoked: boolean;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching key (one more query on the server). */
  includeTotal?: boolean;
};

/** Sort fields the API accepts for API keys (`-` for descending); newest first by default. */
export const API_KEY_SORTS = ["name", "created_at"] as const;

export const API_KEYS_PAGE_SIZE = 20;

const apiKeysQuery = (p: ListApiKeysParams) => ({
  include_revoked: p.includeRevoked,
  sort: p.sort ?? "-created_at",
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? API_KEYS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listApiKeys(p: ListApiKeysParams): Promise<ApiKeyPage> {
  return unwrap(await api.GET("/api/v1/api-keys", { params: { query: apiKeysQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportApiKeys(p: ListApiKeysParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/api-keys", {
      params: { query: { ...apiKeysQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listApiKeysQueryOptions = (params: ListApiKeysParams) =>
  queryOptions({ queryKey: apiKeysKeys.list(params), queryFn: () => listApiKeys(params), placeholderData: keepPreviousData });

export function useApiKeys(params: ListApiKeysParams) {
  return useQuery(listApiKeysQueryOptions(params));
}
