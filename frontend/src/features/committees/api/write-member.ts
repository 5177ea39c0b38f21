import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { MemberCreate, MemberRead, MemberUpdate } from "./types";

export async function createMember(committeeId: string, body: MemberCreate): Promise<MemberRead> {
  return unwrap(await api.POST("/api/v1/committees/{committee_id}/members", { params: { path: { committee_id: committeeId } }, body }));
}

/** PATCH a member; with the ETag of the copy the user corrected, a change made meanwhile is a 412. */
export async function updateMember(committeeId: string, memberId: string, body: MemberUpdate, etag: string | null = null): Promise<MemberRead> {
  return unwrap(
    await api.PATCH("/api/v1/committees/{committee_id}/members/{member_id}", {
      params: { path: { committee_id: committeeId, member_id: memberId }, header: etag ? { "If-Match": etag } : undefined },
      body,
    }),
  );
}

type WriteMember = { memberId: string | null; body: MemberCreate | MemberUpdate; etag?: string | null };

/** Add a member (`memberId` null) or change one (a leave, a correction); members and compliance are read again. */
export function useWriteMember(committeeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, body, etag }: WriteMember) =>
      memberId === null ? createMember(committeeId, body as MemberCreate) : updateMember(committeeId, memberId, body, etag ?? null),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: committeesKeys.members(committeeId) }),
        qc.invalidateQueries({ queryKey: committeesKeys.compliances() }),
      ]);
    },
  });
}
