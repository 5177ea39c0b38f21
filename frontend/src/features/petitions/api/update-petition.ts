import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { petitionQueryOptions, type VersionedPetition } from "./get-petition";
import type { PetitionUpdate } from "./types";
import { petitionsKeys } from "./keys";

/** Correct the record with the ETag of the copy the user edited: someone else's change meanwhile is a 412. */
export async function updatePetition(petitionId: string, body: PetitionUpdate, etag: string | null): Promise<VersionedPetition> {
  const result = await api.PATCH("/api/v1/petitions/{petition_id}", {
    params: { path: { petition_id: petitionId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { petition: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useUpdatePetition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ petitionId, body, etag }: { petitionId: string; body: PetitionUpdate; etag: string | null }) =>
      updatePetition(petitionId, body, etag),
    onSuccess: (updated) => {
      queryClient.setQueryData(petitionQueryOptions(updated.petition.id).queryKey, updated);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: petitionsKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: petitionsKeys.events(updated.petition.id) }),
      ]);
    },
    // A stale ETag (412) means the copy on screen is old: read it again.
    onError: (_err, { petitionId }) => queryClient.invalidateQueries({ queryKey: petitionsKeys.detail(petitionId) }),
  });
}
