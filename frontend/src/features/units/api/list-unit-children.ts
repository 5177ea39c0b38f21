import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitRead } from "./types";
import { unitsKeys } from "./keys";

/** Enough for any unit (a province holds a few hundred communes) and the API's child_moves limit. */
const MAX_CHILDREN = 5000;

/** Every active child of a unit, for assigning them in a split: all pages, followed by cursor. */
export async function listAllUnitChildren(unitId: string): Promise<UnitRead[]> {
  const items: UnitRead[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api.GET("/api/v1/units/{unit_id}/children", {
        params: { path: { unit_id: unitId }, query: { limit: 500, cursor } },
      }),
    );
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && items.length < MAX_CHILDREN);
  return items;
}

export const allUnitChildrenQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: unitsKeys.children(unitId), queryFn: () => listAllUnitChildren(unitId) });

export function useAllUnitChildren(unitId: string | null) {
  return useQuery({ ...allUnitChildrenQueryOptions(unitId ?? ""), enabled: unitId !== null });
}
