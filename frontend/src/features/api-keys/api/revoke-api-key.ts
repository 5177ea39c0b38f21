import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ApiKeyRead } from "./types";
import { apiKeysKeys } from "./keys";

export async function revokeApiKey(keyId: string): Promise<ApiKeyRead> {
  return unwrap(await api.POST("/api/v1/api-keys/{key_id}/revoke", { params: { path: { key_id: keyId } } }));
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysKeys.lists() }),
  });
}
