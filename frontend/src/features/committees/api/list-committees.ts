import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { CommitteeKind, CommitteePage, ComplianceState } from "./types";

export type ListCommitteesParams = {
  kind?: CommitteeKind[];
  withinUnitId?: string | null;
  inTermOn?: string | null;
  /** Judged on `inTermOn` (else today) by the composition rules. */
  compliance?: ComplianceState | null;
  q?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching committee (one more query on the server). */
  includeTotal?: boolean;
};

export const COMMITTEES_PAGE_SIZE = 20;

const committeesQuery = (p: ListCommitteesParams) => ({
  kind: p.kind && p.kind.length > 0 ? p.kind : undefined,
  within_unit_id: p.withinUnitId || undefined,
  in_term_on: p.inTermOn || undefined,
  compliance: p.compliance || undefined,
  q: p.q || undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? COMMITTEES_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listCommittees(p: ListCommitteesParams): Promise<CommitteePage> {
  return unwrap(await api.GET("/api/v1/committees", { params: { query: committeesQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportCommittees(p: ListCommitteesParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/committees", {
      params: { query: { ...committeesQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listCommitteesQueryOptions = (params: ListCommitteesParams) =>
  queryOptions({
    queryKey: committeesKeys.list(params),
    queryFn: () => listCommittees(params),
    placeholderData: keepPreviousData,
  });

export function useCommittees(params: ListCommitteesParams) {
  return useQuery(listCommitteesQueryOptions(params));
}
