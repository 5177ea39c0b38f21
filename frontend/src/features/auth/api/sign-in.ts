import { mutationOptions, useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { tokens } from "../../../api/tokens";
import { authKeys } from "./keys";

export type SignInInput = { username: string; password: string };

export async function signIn(input: SignInInput): Promise<void> {
  const pair = unwrap(
    await api.POST("/api/v1/auth/token", {
      body: input,
      // OAuth2 password flow: the token endpoint takes a form, not JSON.
      bodySerializer: (body) => new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
  tokens.set(pair);
}

export const signInMutationOptions = () => mutationOptions({ mutationKey: authKeys.signIn(), mutationFn: signIn });

export function useSignIn() {
  return useMutation(signInMutationOptions());
}
