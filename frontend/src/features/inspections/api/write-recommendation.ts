import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { recommendationQueryOptions, type VersionedRecommendation } from "./get-recommendation";
import { inspectionsKeys } from "./keys";
import type { ProgressReportCreate, ProgressReportRead, RecommendationCreate, RecommendationTransitionRequest } from "./types";

/** Issue a recommendation of a concluded team's conclusion (the organiser's principals only). */
export async function createRecommendation(teamId: string, body: RecommendationCreate, idempotencyKey: string): Promise<VersionedRecommendation> {
  const result = await api.POST("/api/v1/inspections/teams/{team_id}/recommendations", {
    params: { path: { team_id: teamId }, header: { "Idempotency-Key": idempotencyKey } },
    body,
  });
  return { recommendation: unwrap(result), etag: result.response.headers.get("ETag") };
}

/**
 * Move a recommendation with the ETag of the copy the user acted on: a change meanwhile is a 412, a
 * move its state no longer allows a 409 `action_not_allowed` naming the moves allowed now.
 */
export async function transitionRecommendation(
  id: string,
  body: RecommendationTransitionRequest,
  etag: string | null,
  idempotencyKey: string,
): Promise<VersionedRecommendation> {
  const result = await api.POST("/api/v1/inspections/recommendations/{recommendation_id}/transitions", {
    params: {
      path: { recommendation_id: id },
      header: { "Idempotency-Key": idempotencyKey, ...(etag ? { "If-Match": etag } : {}) },
    },
    body,
  });
  return { recommendation: unwrap(result), etag: result.response.headers.get("ETag") };
}

/** File a progress report (the owner's principals, while the recommendation is open or in progress). */
export async function createProgressReport(id: string, body: ProgressReportCreate, idempotencyKey: string): Promise<ProgressReportRead> {
  return unwrap(
    await api.POST("/api/v1/inspections/recommendations/{recommendation_id}/reports", {
      params: { path: { recommendation_id: id }, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );
}

export function useCreateRecommendation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { teamId: string; body: RecommendationCreate; idempotencyKey: string }) =>
      createRecommendation(v.teamId, v.body, v.idempotencyKey),
    onSuccess: (created) => {
      queryClient.setQueryData(recommendationQueryOptions(created.recommendation.id).queryKey, created);
      return queryClient.invalidateQueries({ queryKey: inspectionsKeys.recommendationLists() });
    },
  });
}

export function useTransitionRecommendation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: RecommendationTransitionRequest; etag: string | null; idempotencyKey: string }) =>
      transitionRecommendation(v.id, v.body, v.etag, v.idempotencyKey),
    onSuccess: (moved) => {
      const id = moved.recommendation.id;
      queryClient.setQueryData(recommendationQueryOptions(id).queryKey, moved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.recommendationLists() }),
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.recommendationEvents(id) }),
        // Verifying the last one lets the team close.
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.team(moved.recommendation.team_id) }),
      ]);
    },
    // 409 or 412: it moved on; show what it allows now.
    onError: (_err, { id }) => queryClient.invalidateQueries({ queryKey: inspectionsKeys.recommendation(id) }),
  });
}

export function useCreateProgressReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: ProgressReportCreate; idempotencyKey: string }) => createProgressReport(v.id, v.body, v.idempotencyKey),
    onSuccess: (_report, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.recommendationReports(id) }),
        // The recommendation is read again so that its next move sends the tag of what is on record.
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.recommendation(id) }),
      ]),
  });
}
