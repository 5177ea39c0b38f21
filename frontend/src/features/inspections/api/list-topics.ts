import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { TopicRead } from "./types";

/** The contents checked (reference data), in their position order, active or not. */
export async function listTopics(): Promise<TopicRead[]> {
  return unwrap(await api.GET("/api/v1/inspections/topics"));
}

export const topicsQueryOptions = () =>
  queryOptions({ queryKey: inspectionsKeys.topics(), queryFn: listTopics, staleTime: 10 * 60_000 });

export function useTopics() {
  return useQuery(topicsQueryOptions());
}
