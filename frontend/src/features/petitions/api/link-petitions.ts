import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { LinkKind } from "./types";
import { petitionsKeys } from "./keys";

/** Mark `otherId` as a duplicate of, or related to, `petitionId`. */
export async function linkPetitions(petitionId: string, otherId: string, kind: LinkKind, idempotencyKey: string): Promise<void> {
  unwrap(
    await api.POST("/api/v1/petitions/{petition_id}/links", {
      params: { path: { petition_id: petitionId }, header: { "Idempotency-Key": idempotencyKey } },
      body: { petition_id: otherId, kind },
    }),
  );
}

export async function unlinkPetitions(petitionId: string, otherId: string): Promise<void> {
  unwrap(
    await api.DELETE("/api/v1/petitions/{petition_id}/links/{other_id}", {
      params: { path: { petition_id: petitionId, other_id: otherId } },
    }),
  );
}

function useRefreshBoth() {
  const queryClient = useQueryClient();
  // A link shows on both cases, and is an event of the first.
  return (petitionId: string, otherId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: petitionsKeys.detail(petitionId) }),
      queryClient.invalidateQueries({ queryKey: petitionsKeys.detail(otherId) }),
      queryClient.invalidateQueries({ queryKey: petitionsKeys.events(petitionId) }),
    ]);
}

export function useLinkPetitions() {
  const refresh = useRefreshBoth();
  return useMutation({
    mutationFn: (v: { petitionId: string; otherId: string; kind: LinkKind }) =>
      linkPetitions(v.petitionId, v.otherId, v.kind, crypto.randomUUID()),
    onSuccess: (_d, v) => refresh(v.petitionId, v.otherId),
  });
}

export function useUnlinkPetitions() {
  const refresh = useRefreshBoth();
  return useMutation({
    mutationFn: (v: { petitionId: string; otherId: string }) => unlinkPetitions(v.petitionId, v.otherId),
    onSuccess: (_d, v) => refresh(v.petitionId, v.otherId),
  });
}
