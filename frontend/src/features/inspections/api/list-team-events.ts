import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { TeamEventRead } from "./types";

/** A team's acts, oldest first: who, when, the legal date, from and to, the act's data. */
export async function listTeamEvents(teamId: string): Promise<TeamEventRead[]> {
  return unwrap(await api.GET("/api/v1/inspections/teams/{team_id}/events", { params: { path: { team_id: teamId } } }));
}

export const teamEventsQueryOptions = (teamId: string) =>
  queryOptions({ queryKey: inspectionsKeys.teamEvents(teamId), queryFn: () => listTeamEvents(teamId) });

export function useTeamEvents(teamId: string) {
  return useQuery(teamEventsQueryOptions(teamId));
}
