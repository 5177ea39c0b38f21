import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema.gen";
import { authKeys } from "./keys";

export type Me = components["schemas"]["Me"];
export type Permission = components["schemas"]["Permission"];

export async function getMe(): Promise<Me> {
  return unwrap(await api.GET("/api/v1/auth/me"));
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: authKeys.me(), queryFn: getMe, staleTime: 5 * 60_000 });

export function useMe() {
  return useQuery(meQueryOptions());
}
