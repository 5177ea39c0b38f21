import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { FindingRead } from "./types";

/** The team's findings, oldest first: only those about targets in the reader's jurisdiction unless it covers the organiser. */
export async function listFindings(teamId: string): Promise<FindingRead[]> {
  return unwrap(await api.GET("/api/v1/inspections/teams/{team_id}/findings", { params: { path: { team_id: teamId } } }));
}

export const findingsQueryOptions = (teamId: string) =>
  queryOptions({ queryKey: inspectionsKeys.findings(teamId), queryFn: () => listFindings(teamId) });

export function useFindings(teamId: string) {
  return useQuery(findingsQueryOptions(teamId));
}
