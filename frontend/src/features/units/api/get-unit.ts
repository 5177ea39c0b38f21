import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitRead } from "./types";

export async function getUnit(unitId: string): Promise<UnitRead> {
  return unwrap(await api.GET("/api/v1/units/{unit_id}", { params: { path: { unit_id: unitId } } }));
}

export const unitQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: ["units", "detail", unitId], queryFn: () => getUnit(unitId) });

export function useUnit(unitId: string) {
  return useQuery(unitQueryOptions(unitId));
}
