import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import type { Role, UserPage } from "./types";
import { usersKeys } from "./keys";

export type ListUsersParams = {
  q?: string;
  role?: Role;
  isActive?: boolean;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching user (one more query on the server). */
  includeTotal?: boolean;
};

/** Sort fields the API accepts for users (`-` for descending). */
export const USER_SORTS = ["username", "created_at"] as const;

export const USERS_PAGE_SIZE = 20;

const usersQuery = ({ q, role, isActive, sort = "username", cursor, limit, includeTotal }: ListUsersParams) => ({
  q: q || undefined,
  role,
  is_active: isActive,
  cursor: cursor ?? undefined,
  sort,
  limit: limit ?? USERS_PAGE_SIZE,
  include_total: includeTotal || undefined,
});

export async function listUsers(p: ListUsersParams): Promise<UserPage> {
  return unwrap(await api.GET("/api/v1/users", { params: { query: usersQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportUsers(p: ListUsersParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/users", {
      params: { query: { ...usersQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listUsersQueryOptions = (params: ListUsersParams) =>
  queryOptions({
    queryKey: usersKeys.list(params),
    queryFn: () => listUsers(params),
    placeholderData: keepPreviousData,
  });

export function useUsers(params: ListUsersParams) {
  return useQuery(listUsersQueryOptions(params));
}
