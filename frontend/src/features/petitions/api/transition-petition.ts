import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { petitionQueryOptions, type VersionedPetition } from "./get-petition";
import type { TransitionRequest } from "./types";
import { petitionsKeys } from "./keys";

/**
 * Take an action on a case, with the ETag of the copy the user acted on: an act recorded meanwhile
 * by someone else is a 412, an act the state no longer allows a 409 `invalid_transition`.
 */
export async function transitionPetition(
  petitionId: string,
  body: TransitionRequest,
  etag: string | null,
  idempotencyKey: string,
): Promise<VersionedPetition> {
  const result = await api.POST("/api/v1/petitions/{petition_id}/transitions", {
    params: {
      path: { petition_id: petitionId },
      header: { "Idempotency-Key": idempotencyKey, ...(etag ? { "If-Match": etag } : {}) },
    },
    body,
  });
  return { petition: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useTransitionPetition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { petitionId: string; body: TransitionRequest; etag: string | null; idempotencyKey: string }) =>
      transitionPetition(v.petitionId, v.body, v.etag, v.idempotencyKey),
    onSuccess: (moved) => {
      queryClient.setQueryData(petitionQueryOptions(moved.petition.id).queryKey, moved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: petitionsKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: petitionsKeys.events(moved.petition.id) }),
      ]);
    },
    // 409 or 412: the case moved on; show what it allows now.
    onError: (_err, { petitionId }) => queryClient.invalidateQueries({ queryKey: petitionsKeys.detail(petitionId) }),
  });
}
