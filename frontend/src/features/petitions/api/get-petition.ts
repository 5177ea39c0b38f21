import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { PetitionRead } from "./types";
import { petitionsKeys } from "./keys";

/** A case with the `ETag` its transitions and edits send back in `If-Match`. */
export type VersionedPetition = { petition: PetitionRead; etag: string | null };

export async function getPetition(petitionId: string): Promise<VersionedPetition> {
  const result = await api.GET("/api/v1/petitions/{petition_id}", { params: { path: { petition_id: petitionId } } });
  return { petition: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const petitionQueryOptions = (petitionId: string) =>
  queryOptions({ queryKey: petitionsKeys.detail(petitionId), queryFn: () => getPetition(petitionId) });

export function usePetition(petitionId: string) {
  return useQuery(petitionQueryOptions(petitionId));
}
