import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { EventRead } from "./types";
import { petitionsKeys } from "./keys";

/** A case's history, oldest first (never a denouncer's identity). */
export async function listPetitionEvents(petitionId: string): Promise<EventRead[]> {
  return unwrap(
    await api.GET("/api/v1/petitions/{petition_id}/events", { params: { path: { petition_id: petitionId } } }),
  );
}

export const petitionEventsQueryOptions = (petitionId: string) =>
  queryOptions({ queryKey: petitionsKeys.events(petitionId), queryFn: () => listPetitionEvents(petitionId) });

export function usePetitionEvents(petitionId: string) {
  return useQuery(petitionEventsQueryOptions(petitionId));
}
