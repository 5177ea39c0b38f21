import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { ComplianceRead } from "./types";

/** Each composition rule of the term in force on `asOf`, with its article and whether it holds. */
export async function getCompliance(committeeId: string, asOf: string): Promise<ComplianceRead> {
  return unwrap(
    await api.GET("/api/v1/committees/{committee_id}/compliance", {
      params: { path: { committee_id: committeeId }, query: { as_of: asOf } },
    }),
  );
}

export const complianceQueryOptions = (committeeId: string, asOf: string) =>
  queryOptions({ queryKey: committeesKeys.compliance(committeeId, asOf), queryFn: () => getCompliance(committeeId, asOf) });

export function useCompliance(committeeId: string, asOf: string) {
  return useQuery(complianceQueryOptions(committeeId, asOf));
}
