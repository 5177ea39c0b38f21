import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { PlanRead } from "./types";

/** A plan with the `ETag` a correction sends back in `If-Match`. */
export type VersionedPlan = { plan: PlanRead; etag: string | null };

export async function getPlan(planId: string): Promise<VersionedPlan> {
  const result = await api.GET("/api/v1/inspections/plans/{plan_id}", { params: { path: { plan_id: planId } } });
  return { plan: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const planQueryOptions = (planId: string) =>
  queryOptions({ queryKey: inspectionsKeys.plan(planId), queryFn: () => getPlan(planId) });

/** A plan by id (none asked for a null id: a team without a plan, a new plan). */
export function usePlan(planId: string | null) {
  return useQuery({ ...planQueryOptions(planId ?? ""), enabled: planId !== null });
}
