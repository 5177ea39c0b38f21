import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { PetitionFromRecommendation, RecommendationCreate, RecommendationRead, RecommendationTransition } from "./types";

/** The committee's recommendations to the authority, the answer due soonest first (the first 500). */
export async function listRecommendations(committeeId: string): Promise<RecommendationRead[]> {
  const page = unwrap(
    await api.GET("/api/v1/committees/{committee_id}/recommendations", {
      params: { path: { committee_id: committeeId }, query: { limit: 500 } },
    }),
  );
  return page.items;
}

export const recommendationsQueryOptions = (committeeId: string) =>
  queryOptions({ queryKey: committeesKeys.recommendations(committeeId), queryFn: () => listRecommendations(committeeId) });

export function useRecommendations(committeeId: string) {
  return useQuery(recommendationsQueryOptions(committeeId));
}

/** One write; `key` is the form's Idempotency-Key (one per opening: a retried submit cannot act twice). */
type Write = { key: string } & (
  | { op: "create"; body: RecommendationCreate }
  | { op: "transition"; id: string; body: RecommendationTransition }
  | { op: "petition"; id: string; body: PetitionFromRecommendation }
);

async function write(committeeId: string, w: Write): Promise<RecommendationRead> {
  if (w.op === "create") {
    return unwrap(
      await api.POST("/api/v1/committees/{committee_id}/recommendations", {
        params: { path: { committee_id: committeeId }, header: { "Idempotency-Key": w.key } },
        body: w.body,
      }),
    );
  }
  const path = { committee_id: committeeId, recommendation_id: w.id };
  if (w.op === "transition") {
    return unwrap(
      await api.POST("/api/v1/committees/{committee_id}/recommendations/{recommendation_id}/transitions", {
        params: { path, header: { "Idempotency-Key": w.key } },
        body: w.body,
      }),
    );
  }
  return unwrap(
    await api.POST("/api/v1/committees/{committee_id}/recommendations/{recommendation_id}/petition", {
      params: { path, header: { "Idempotency-Key": w.key } },
      body: w.body,
    }),
  );
}

/** Send a recommendation, move one along its workflow (answer, close) or turn one into a petition. */
export function useWriteRecommendation(committeeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: Write) => write(committeeId, w),
    onSuccess: () => qc.invalidateQueries({ queryKey: committeesKeys.recommendations(committeeId) }),
  });
}

export type PetitionCategory = { code: string; name_vi: string; name_en: string; active: boolean };

/** The petitions' categories, for the petition a recommendation becomes. */
export async function listPetitionCategories(): Promise<PetitionCategory[]> {
  return unwrap(await api.GET("/api/v1/petitions/categories"));
}

export function usePetitionCategories(enabled: boolean) {
  return useQuery({ queryKey: committeesKeys.categories(), queryFn: listPetitionCategories, staleTime: 10 * 60_000, enabled });
}
