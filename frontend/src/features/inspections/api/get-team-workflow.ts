import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { TeamWorkflowRead } from "./types";

/** A team's state machine: from each state, the actions, where they lead and what they require. */
export async function getTeamWorkflow(): Promise<TeamWorkflowRead> {
  return unwrap(await api.GET("/api/v1/inspections/teams/workflow"));
}

export const teamWorkflowQueryOptions = () =>
  queryOptions({ queryKey: inspectionsKeys.workflow(), queryFn: getTeamWorkflow, staleTime: Infinity });

export function useTeamWorkflow() {
  return useQuery(teamWorkflowQueryOptions());
}
