import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { PetitionCreate, PetitionCreated } from "./types";
import { petitionsKeys } from "./keys";

/** Record a case as received; the answer carries its reference and likely duplicates. */
export async function createPetition(body: PetitionCreate, idempotencyKey: string): Promise<PetitionCreated> {
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
