import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import type { HostRole, ReceptionKind, ReceptionPage } from "./types";
import { receptionsKeys } from "./keys";

export type ListReceptionsParams = {
  withinUnitId?: string | null;
  unitId?: string | null;
  hostRole?: HostRole[];
  kind?: ReceptionKind[];
  heldFrom?: string | null;
  heldTo?: string | null;
  q?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching session (one more query on the server). */
  includeTotal?: boolean;
};

export const RECEPTIONS_PAGE_SIZE = 20;

const many = <T,>(v: T[] | undefined) => (v && v.length > 0 ? v : undefined);

const receptionsQuery = (p: ListReceptionsParams) => ({
  within_unit_id: p.withinUnitId || undefined,
  unit_id: p.unitId || undefined,
  host_role: many(p.hostRole),
  kind: many(p.kind),
  held_from: p.heldFrom || undefined,
  held_to: p.heldTo || undefined,
  q: p.q || undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? RECEPTIONS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listReceptions(p: ListReceptionsParams): Promise<ReceptionPage> {
  return unwrap(await api.GET("/api/v1/receptions", { params: { query: receptionsQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportReceptions(p: ListReceptionsParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/receptions", {
      params: { query: { ...receptionsQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listReceptionsQueryOptions = (params: ListReceptionsParams) =>
  queryOptions({
    queryKey: receptionsKeys.list(params),
    queryFn: () => listReceptions(params),
    placeholderData: keepPreviousData,
  });

export function useReceptions(params: ListReceptionsParams, options: { enabled?: boolean } = {}) {
  return useQuery({ ...listReceptionsQueryOptions(params), enabled: options.enabled ?? true });
}
