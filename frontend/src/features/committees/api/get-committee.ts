import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { CommitteeRead } from "./types";

export async function getCommittee(id: string): Promise<CommitteeRead> {
  return unwrap(await api.GET("/api/v1/committees/{committee_id}", { params: { path: { committee_id: id } } }));
}

export const committeeQueryOptions = (id: string) => queryOptions({ queryKey: committeesKeys.detail(id), queryFn: () => getCommittee(id) });

export function useCommittee(id: string) {
  return useQuery(committeeQueryOptions(id));
}
