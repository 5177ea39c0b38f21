import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { confidentialAccessKeys } from "./keys";
import type { ConfidentialPermission, Holder } from "./types";

export type GrantChange = { userId: string; permission: ConfidentialPermission; granted: boolean };

/**
 * Give or take one confidential permission. The API replaces a user's `grants` as a whole, so the
 * person is read fresh (its grants and ETag) and written back with `If-Match`: a change made in
 * between is refused (412) rather than overwritten. The API records each grant and revocation in the
 * audit log (`user.grant`, `user.revoke`).
 */
export async function changeGrant({ userId, permission, granted }: GrantChange): Promise<Holder> {
  const read = await api.GET("/api/v1/users/{user_id}", { params: { path: { user_id: userId } } });
  const user = unwrap(read);
  const etag = read.response.headers.get("ETag");
  const grants = granted
    ? [...new Set([...user.grants, permission])]
    : user.grants.filter((g) => g !== permission);
  return unwrap(
    await api.PATCH("/api/v1/users/{user_id}", {
      params: { path: { user_id: userId }, header: etag ? { "If-Match": etag } : undefined },
      body: { grants },
    }),
  );
}

export function useChangeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeGrant,
    onSettled: (_data, _err, { userId, permission }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: confidentialAccessKeys.holders() }),
        queryClient.invalidateQueries({ queryKey: confidentialAccessKeys.grant(userId, permission) }),
      ]),
  });
}
