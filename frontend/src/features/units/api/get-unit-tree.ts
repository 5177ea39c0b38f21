import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitTreeNode } from "./types";
import { unitsKeys } from "./keys";

export type UnitTreeParams = { rootId?: string; depth: number };

export async function getUnitTree({ rootId, depth }: UnitTreeParams): Promise<UnitTreeNode[]> {
  return unwrap(await api.GET("/api/v1/units/tree", { params: { query: { root_id: rootId, depth } } }));
}

export const unitTreeQueryOptions = (params: UnitTreeParams) =>
  queryOptions({
    queryKey: unitsKeys.tree(params),
    queryFn: () => getUnitTree(params),
    staleTime: 10 * 60_000, // the hierarchy changes only on reorganizations
  });

export function useUnitTree(params: UnitTreeParams) {
  return useQuery(unitTreeQueryOptions(params));
}
