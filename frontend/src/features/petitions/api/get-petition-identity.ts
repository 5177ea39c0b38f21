import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { DenouncerIdentity } from "./types";

/** A denunciation's denouncers; the server writes every call to the audit log before answering. */
export async function getPetitionIdentity(petitionId: string): Promise<DenouncerIdentity> {
  return unwrap(
    await api.GET("/api/v1/petitions/{petition_id}/identity", { params: { path: { petition_id: petitionId } } }),
  );
}

/**
 * A mutation, not a query: each read is a deliberate, audited act of the user, never a background
 * refetch, and the answer lives only in the component that asked (nothing is cached).
 */
export function useRevealIdentity() {
  return useMutation({ mutationFn: (petitionId: string) => getPetitionIdentity(petitionId), gcTime: 0 });
}
