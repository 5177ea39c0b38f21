import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { getUser } from "./get-user";
import type { UserRead, UserUpdate } from "./types";
import { usersKeys } from "./keys";

export async function updateUser(userId: string, body: UserUpdate, etag: string | null): Promise<UserRead> {
  return unwrap(
    await api.PATCH("/api/v1/users/{user_id}", {
      params: { path: { user_id: userId }, header: etag ? { "If-Match": etag } : undefined },
      body,
    }),
  );
}

/** Enable or disable an account: read it fresh for its ETag, then PATCH with If-Match. */
export async function setUserActive(userId: string, isActive: boolean): Promise<UserRead> {
  const { etag } = await getUser(userId);
  return updateUser(userId, { is_active: isActive }, etag);
}

export function useSetUserActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, isActive }: { userId: string; isActive: boolean }) => setUserActive(userId, isActive),
    onSettled: (_data, _err, { userId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: usersKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: usersKeys.detail(userId) }),
      ]),
  });
}
