import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ApiKeyPage } from "./types";

export type ListApiKeysParams = { includeRevoked: boolean; cursor?: string | null };

export async function listApiKeys({ includeRevoked, cursor }: ListApiKeysParams): Promise<ApiKeyPage> {
  return unwrap(
    await api.GET("/api/v1/api-keys", {
      params: { query: { include_revoked: includeRevoked, cursor: cursor ?? undefined, limit: 20 } },
    }),
  );
}

export const listApiKeysQueryOptions = (params: ListApiKeysParams) =>
  queryOptions({ queryKey: ["api-keys", "list", params], queryFn: () => listApiKeys(params), placeholderData: keepPreviousData });

export function useApiKeys(params: ListApiKeysParams) {
  return useQuery(listApiKeysQueryOptions(params));
}
