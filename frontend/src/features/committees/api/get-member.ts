import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { MemberRead } from "./types";

/** A member with the `ETag` a correction sends back in `If-Match` (the members list carries none). */
export type VersionedMember = { member: MemberRead; etag: string | null };

export async function getMember(committeeId: string, memberId: string): Promise<VersionedMember> {
  const result = await api.GET("/api/v1/committees/{committee_id}/members/{member_id}", {
    params: { path: { committee_id: committeeId, member_id: memberId } },
  });
  return { member: unwrap(result), etag: result.response.headers.get("ETag") };
}

// Never served from the cache: the form must start from the member as it is now, and its tag.
export const memberQueryOptions = (committeeId: string, memberId: string) =>
  queryOptions({ queryKey: committeesKeys.member(committeeId, memberId), queryFn: () => getMember(committeeId, memberId), staleTime: 0, gcTime: 0 });

export function useMember(committeeId: string, memberId: string) {
  return useQuery(memberQueryOptions(committeeId, memberId));
}
