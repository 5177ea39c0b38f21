import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { TermRead } from "./types";

export async function listTerms(committeeId: string): Promise<TermRead[]> {
  return unwrap(await api.GET("/api/v1/committees/{committee_id}/terms", { params: { path: { committee_id: committeeId } } }));
}

export const termsQueryOptions = (committeeId: string) =>
  queryOptions({ queryKey: committeesKeys.terms(committeeId), queryFn: () => listTerms(committeeId) });

export function useTerms(committeeId: string) {
  return useQuery(termsQueryOptions(committeeId));
}
