import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { planQueryOptions, type VersionedPlan } from "./get-plan";
import { inspectionsKeys } from "./keys";
import type { PlanCreate, PlanUpdate } from "./types";

/** Record a plan issued in the jurisdiction. */
export async function createPlan(body: PlanCreate, idempotencyKey: string): Promise<VersionedPlan> {
  const result = await api.POST("/api/v1/inspections/plans", {
    params: { header: { "Idempotency-Key": idempotencyKey } },
    body,
  });
  return { plan: unwrap(result), etag: result.response.headers.get("ETag") };
}

/** Correct a plan with the ETag of the copy the user edited: someone else's change meanwhile is a 412. */
export async function updatePlan(planId: string, body: PlanUpdate, etag: string | null): Promise<VersionedPlan> {
  const result = await api.PATCH("/api/v1/inspections/plans/{plan_id}", {
    params: { path: { plan_id: planId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { plan: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: PlanCreate; idempotencyKey: string }) => createPlan(v.body, v.idempotencyKey),
    onSuccess: (created) => {
      queryClient.setQueryData(planQueryOptions(created.plan.id).queryKey, created);
      return queryClient.invalidateQueries({ queryKey: inspectionsKeys.plans() });
    },
  });
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { planId: string; body: PlanUpdate; etag: string | null }) => updatePlan(v.planId, v.body, v.etag),
    onSuccess: (updated) => {
      queryClient.setQueryData(planQueryOptions(updated.plan.id).queryKey, updated);
      return queryClient.invalidateQueries({ queryKey: inspectionsKeys.planLists() });
    },
    // A stale tag (412): read the plan again, so the next try sends the tag of what is on record.
    onError: (_err, { planId }) => queryClient.invalidateQueries({ queryKey: inspectionsKeys.plan(planId) }),
  });
}
