import { api, unwrap } from "../../../api/client";
import type { DuplicateSuggestion } from "./types";

/** A case's likely duplicates (the same person, nearly the same words, from 90 days before it on),
 * most likely first; asked for once the case is recorded, apart from the create. */
export async function listDuplicateSuggestions(petitionId: string): Promise<DuplicateSuggestion[]> {
  return unwrap(
    await api.GET("/api/v1/petitions/{petition_id}/duplicate-suggestions", {
      params: { path: { petition_id: petitionId } },
    }),
  );
}
