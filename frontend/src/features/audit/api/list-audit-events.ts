import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import type { components } from "../../../api/schema.gen";
import { auditKeys } from "./keys";

export type AuditEvent = components["schemas"]["AuditEventRead"];
export type AuditPage = components["schemas"]["AuditEventReadPage"];
export type ListAuditParams = {
  action?: string;
  resourceType?: string;
  since?: string;
  until?: string;
  /** `-id` (newest first, the default) or `id`: events are numbered in the order they happened. */
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching event (one more query on the server). */
  includeTotal?: boolean;
};

export const AUDIT_SORTS = ["id"] as const;

export const AUDIT_PAGE_SIZE = 50;

const auditEventsQuery = (p: ListAuditParams) => ({
  action: p.action || undefined,
  resource_type: p.resourceType || undefined,
  since: p.since || undefined,
  until: p.until || undefined,
  sort: p.sort || undefined,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? AUDIT_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listAuditEvents(p: ListAuditParams): Promise<AuditPage> {
  return unwrap(await api.GET("/api/v1/audit-events", { params: { query: auditEventsQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportAuditEvents(p: ListAuditParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/audit-events", {
      params: { query: { ...auditEventsQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listAuditEventsQueryOptions = (params: ListAuditParams) =>
  queryOptions({
    queryKey: auditKeys.list(params),
    queryFn: () => listAuditEvents(params),
    placeholderData: keepPreviousData,
  });

export function useAuditEvents(params: ListAuditParams) {
  return useQuery(listAuditEventsQueryOptions(params));
}
