import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ReceptionCreate, ReceptionRead } from "./types";
import { receptionsKeys } from "./keys";

export async function createReception(body: ReceptionCreate, idempotencyKey: string): Promise<ReceptionRead> {
  return unwrap(
    await api.POST("/api/v1/receptions", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }),
  );
}

export function useCreateReception() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ReceptionCreate; idempotencyKey: string }) =>
      createReception(body, idempotencyKey),
    // New sessions change the lists and the compliance report.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: receptionsKeys.all }),
  });
}
