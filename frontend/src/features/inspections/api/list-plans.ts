import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { PlanKind, PlanPage } from "./types";

export type ListPlansParams = {
  year?: number | null;
  withinUnitId?: string | null;
  kind?: PlanKind[];
  q?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching plan (one more query on the server). */
  includeTotal?: boolean;
};

export const PLANS_PAGE_SIZE = 20;

const plansQuery = (p: ListPlansParams) => ({
  year: p.year ?? undefined,
  within_unit_id: p.withinUnitId || undefined,
  kind: p.kind && p.kind.length > 0 ? p.kind : undefined,
  q: p.q || undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? PLANS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listPlans(p: ListPlansParams): Promise<PlanPage> {
  return unwrap(await api.GET("/api/v1/inspections/plans", { params: { query: plansQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportPlans(p: ListPlansParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/inspections/plans", {
      params: { query: { ...plansQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listPlansQueryOptions = (params: ListPlansParams) =>
  queryOptions({
    queryKey: inspectionsKeys.planList(params),
    queryFn: () => listPlans(params),
    placeholderData: keepPreviousData,
  });

export function usePlans(params: ListPlansParams) {
  return useQuery(listPlansQueryOptions(params));
}
