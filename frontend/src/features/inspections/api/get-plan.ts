import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { PlanRead } from "./types";

export async function getPlan(planId: string): Promise<PlanRead> {
  return unwrap(await api.GET("/api/v1/inspections/plans/{plan_id}", { params: { path: { plan_id: planId } } }));
}

export const planQueryOptions = (planId: string) =>
  queryOptions({ queryKey: inspectionsKeys.plan(planId), queryFn: () => getPlan(planId) });

/** A plan by id, for the team page's reference to it (none asked when the team has no plan). */
export function usePlan(planId: string | null) {
  return useQuery({ ...planQueryOptions(planId ?? ""), enabled: planId !== null });
}
