import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { MemberRead } from "./types";

/** Every member of a term, those who left included (their history stays in the term's record). */
export async function listMembers(committeeId: string, termId: string): Promise<MemberRead[]> {
  return unwrap(
    await api.GET("/api/v1/committees/{committee_id}/members", {
      params: { path: { committee_id: committeeId }, query: { term_id: termId } },
    }),
  );
}

export const membersQueryOptions = (committeeId: string, termId: string) =>
  queryOptions({ queryKey: committeesKeys.memberList(committeeId, termId), queryFn: () => listMembers(committeeId, termId) });

export function useMembers(committeeId: string, termId: string | null) {
  return useQuery({ ...membersQueryOptions(committeeId, termId ?? ""), enabled: termId !== null });
}
