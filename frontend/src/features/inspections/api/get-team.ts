import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { TeamRead } from "./types";

/**
 * A team with the `ETag` every write to it sends back in `If-Match`: its transitions, its visits'
 * records and its findings (a finding or a target is part of its team, so one tag guards them all).
 */
export type VersionedTeam = { team: TeamRead; etag: string | null };

export async function getTeam(teamId: string): Promise<VersionedTeam> {
  const result = await api.GET("/api/v1/inspections/teams/{team_id}", { params: { path: { team_id: teamId } } });
  return { team: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const teamQueryOptions = (teamId: string) =>
  queryOptions({ queryKey: inspectionsKeys.team(teamId), queryFn: () => getTeam(teamId) });

export function useTeam(teamId: string) {
  return useQuery(teamQueryOptions(teamId));
}
