import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UserCreate, UserRead } from "./types";
import { usersKeys } from "./keys";

export async function createUser(body: UserCreate, idempotencyKey: string): Promise<UserRead> {
  return unwrap(await api.POST("/api/v1/users", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: UserCreate; idempotencyKey: string }) =>
      createUser(body, idempotencyKey),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.lists() }),
  });
}
