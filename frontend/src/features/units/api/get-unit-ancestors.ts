import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitSummary } from "./types";
import { unitsKeys } from "./keys";

export async function getUnitAncestors(unitId: string): Promise<UnitSummary[]> {
  return unwrap(await api.GET("/api/v1/units/{unit_id}/ancestors", { params: { path: { unit_id: unitId } } }));
}

export const unitAncestorsQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: unitsKeys.ancestors(unitId), queryFn: () => getUnitAncestors(unitId) });

export function useUnitAncestors(unitId: string) {
  return useQuery(unitAncestorsQueryOptions(unitId));
}
