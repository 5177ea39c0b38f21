import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { LineageRead } from "./types";
import { unitsKeys } from "./keys";

export async function getUnitLineage(unitId: string): Promise<LineageRead> {
  return unwrap(await api.GET("/api/v1/units/{unit_id}/lineage", { params: { path: { unit_id: unitId } } }));
}

export const unitLineageQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: unitsKeys.lineage(unitId), queryFn: () => getUnitLineage(unitId) });

export function useUnitLineage(unitId: string) {
  return useQuery(unitLineageQueryOptions(unitId));
}
