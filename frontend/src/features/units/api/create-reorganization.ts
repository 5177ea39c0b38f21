import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ReorganizationCreate, ReorganizationRead } from "./types";
import { unitsKeys } from "./keys";

export async function createReorganization(body: ReorganizationCreate, idempotencyKey: string): Promise<ReorganizationRead> {
  return unwrap(
    await api.POST("/api/v1/units/reorganizations", {
      body,
      params: { header: { "Idempotency-Key": idempotencyKey } },
    }),
  );
}

export function useCreateReorganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReorganizationCreate; idempotencyKey: string }) =>
      createReorganization(body, idempotencyKey),
    // Units retire, appear, move and are renamed, and lineage gains links: everything about units may change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKeys.all }),
  });
}
