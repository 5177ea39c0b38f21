import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { confidentialAccessKeys } from "./keys";
import type { ConfidentialPermission, HolderPage } from "./types";

export type ListHoldersParams = {
  /** Holders of this grant (the API's default: petitions:confidential). */
  permission?: ConfidentialPermission;
  isActive?: boolean;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every holder (one more query on the server). */
  includeTotal?: boolean;
};

/** Sort fields the API accepts for holders (`-` for descending). */
export const HOLDER_SORTS = ["username", "created_at"] as const;

export const HOLDERS_PAGE_SIZE = 20;

/** The people of the jurisdiction who hold the grant now, disabled accounts included unless filtered. */
const confidentialHoldersQuery = (p: ListHoldersParams) => ({
  permission: p.permission,
  is_active: p.isActive,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? HOLDERS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listConfidentialHolders(p: ListHoldersParams): Promise<HolderPage> {
  return unwrap(await api.GET("/api/v1/users/confidential-holders", { params: { query: confidentialHoldersQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportConfidentialHolders(p: ListHoldersParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/users/confidential-holders", {
      params: { query: { ...confidentialHoldersQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listConfidentialHoldersQueryOptions = (params: ListHoldersParams) =>
  queryOptions({
    queryKey: confidentialAccessKeys.holderList(params),
    queryFn: () => listConfidentialHolders(params),
    placeholderData: keepPreviousData,
  });

export function useConfidentialHolders(params: ListHoldersParams) {
  return useQuery(listConfidentialHoldersQueryOptions(params));
}
