import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { unitsKeys } from "./keys";

/** The number of direct children: one item plus the server-side total is the cheapest way to ask. */
export async function countUnitChildren(unitId: string): Promise<number> {
  const page = unwrap(
    await api.GET("/api/v1/units/{unit_id}/children", {
      params: { path: { unit_id: unitId }, query: { limit: 1, include_total: true } },
    }),
  );
  return page.total ?? page.items.length;
}

export const unitChildrenCountQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: unitsKeys.childrenCount(unitId), queryFn: () => countUnitChildren(unitId) });

export function useUnitChildrenCount(unitId: string) {
  return useQuery(unitChildrenCountQueryOptions(unitId));
}
