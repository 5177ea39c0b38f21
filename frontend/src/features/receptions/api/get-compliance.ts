import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ComplianceReport } from "./types";
import { receptionsKeys } from "./keys";

export type ComplianceParams = { withinUnitId?: string | null; period?: string; cursor?: string | null };

export const COMPLIANCE_PAGE_SIZE = 100;

/** Reception days held against the days required, per unit and host role, over a period. */
export async function getCompliance(p: ComplianceParams): Promise<ComplianceReport> {
  return unwrap(
    await api.GET("/api/v1/receptions/compliance", {
      params: {
        query: {
          within_unit_id: p.withinUnitId || undefined,
          period: p.period || undefined,
          cursor: p.cursor ?? undefined,
          limit: COMPLIANCE_PAGE_SIZE,
        },
      },
    }),
  );
}

export const complianceQueryOptions = (params: ComplianceParams) =>
  queryOptions({
    queryKey: receptionsKeys.compliance(params),
    queryFn: () => getCompliance(params),
    placeholderData: keepPreviousData,
  });

export function useCompliance(params: ComplianceParams) {
  return useQuery(complianceQueryOptions(params));
}
