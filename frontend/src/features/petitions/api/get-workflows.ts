import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { WorkflowRead } from "./types";
import { petitionsKeys } from "./keys";

/** Each kind's state machine: from each state, the actions, where they lead and what they require. */
export async function getWorkflows(): Promise<WorkflowRead[]> {
  return unwrap(await api.GET("/api/v1/petitions/workflows"));
}

export const workflowsQueryOptions = () =>
  queryOptions({ queryKey: petitionsKeys.workflows(), queryFn: getWorkflows, staleTime: Infinity });

export function useWorkflows() {
  return useQuery(workflowsQueryOptions());
}
