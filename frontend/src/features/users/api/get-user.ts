import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UserRead } from "./types";
import { usersKeys } from "./keys";

/** A user with the `ETag` a later PATCH must send back in `If-Match`. */
export type VersionedUser = { user: UserRead; etag: string | null };

export async function getUser(userId: string): Promise<VersionedUser> {
  const result = await api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: userId } } });
  return { user: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const userQueryOptions = (userId: string) =>
  queryOptions({ queryKey: usersKeys.detail(userId), queryFn: () => getUser(userId), staleTime: 0 });

export function useUser(userId: string) {
  return useQuery(userQueryOptions(userId));
}
