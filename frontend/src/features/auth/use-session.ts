import { useSyncExternalStore } from "react";
import { tokens } from "../../api/tokens";

/** True while a refresh token is held, i.e. the user counts as signed in. */
export function useHasSession(): boolean {
  return useSyncExternalStore(tokens.subscribe, () => tokens.refresh() !== null);
}
