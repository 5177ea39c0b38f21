import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { PetitionCreate, PetitionRead } from "./types";
import { petitionsKeys } from "./keys";

/** Record a case as received; the answer carries its reference (its likely duplicates are asked apart). */
export async function createPetition(body: PetitionCreate, idempotencyKey: string): Promise<PetitionRead> {
  return unwrap(
    await api.POST("/api/v1/petitions", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }),
  );
}

export function useCreatePetition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PetitionCreate; idempotencyKey: string }) =>
      createPetition(body, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: petitionsKeys.lists() }),
  });
}
