import { mutationOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../api/client";
import { tokens } from "../../../api/tokens";
import { authKeys } from "./keys";

export async function signOut(): Promise<void> {
  const refreshToken = tokens.refresh();
  try {
    if (refreshToken) await api.POST("/api/v1/auth/logout", { body: { refresh_token: refreshToken } });
  } finally {
    // Forget the session locally even if the server could not be told.
    tokens.clear();
  }
}

export const signOutMutationOptions = () => mutationOptions({ mutationKey: authKeys.signOut(), mutationFn: signOut });

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({ ...signOutMutationOptions(), onSettled: () => queryClient.clear() });
}
