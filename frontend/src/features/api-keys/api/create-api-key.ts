import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ApiKeyCreate, ApiKeyCreated } from "./types";
import { apiKeysKeys } from "./keys";

export async function createApiKey(body: ApiKeyCreate, idempotencyKey: string): Promise<ApiKeyCreated> {
  return unwrap(await api.POST("/api/v1/api-keys", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ApiKeyCreate; idempotencyKey: string }) =>
      createApiKey(body, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKeys.lists() }),
  });
}
