import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { SubtreeCompliance } from "./types";

/** The report's largest page (the contract's `limit` maximum). */
const PAGE = 500;

/**
 * What is wrong on a day with the named committees (within a subtree: the reader's jurisdiction without
 * a unit): one report for the badges of a list's page, its problems gathered from every page.
 */
export async function getSubtreeCompliance(withinUnitId: string | null, asOf: string, committeeIds: readonly string[]): Promise<SubtreeCompliance> {
  const query = { within_unit_id: withinUnitId ?? undefined, as_of: asOf, committee_id: [...committeeIds], limit: PAGE };
  const first = unwrap(await api.GET("/api/v1/committees/compliance", { params: { query } }));
  const items = [...first.items];
  for (let cursor = first.next_cursor; cursor; ) {
    const next = unwrap(await api.GET("/api/v1/committees/compliance", { params: { query: { ...query, cursor } } }));
    items.push(...next.items);
    cursor = next.next_cursor;
  }
  return { ...first, items, next_cursor: null };
}

export const subtreeComplianceQueryOptions = (withinUnitId: string | null, asOf: string, committeeIds: readonly string[]) =>
  queryOptions({
    queryKey: committeesKeys.subtreeCompliance(withinUnitId, asOf, committeeIds),
    queryFn: () => getSubtreeCompliance(withinUnitId, asOf, committeeIds),
  });

export function useSubtreeCompliance(withinUnitId: string | null, asOf: string, committeeIds: readonly string[]) {
  return useQuery({ ...subtreeComplianceQueryOptions(withinUnitId, asOf, committeeIds), enabled: committeeIds.length > 0 });
}
