import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema.gen";
import { committeesKeys } from "./keys";

export type CompositionRule = components["schemas"]["CompositionRuleRead"];

/** Every composition rule (all kinds, all periods): what a refusal's `rule_id` requires, to say it in words. */
export async function listRules(): Promise<CompositionRule[]> {
  return unwrap(await api.GET("/api/v1/committees/composition-rules"));
}

export const rulesQueryOptions = () =>
  queryOptions({ queryKey: committeesKeys.rules(), queryFn: listRules, staleTime: 10 * 60_000 });

export function useRules() {
  return useQuery(rulesQueryOptions());
}
