import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";

export type Village = { id: string; name: string; kind: string };

/** The kinds of unit a commune PIC member represents (the API's composition rules count them). */
export const VILLAGE_KINDS = new Set(["village", "residential_group"]);

/** The villages and residential groups directly under a unit (every page). */
export async function listVillages(unitId: string): Promise<Village[]> {
  const out: Village[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(
      await api.GET("/api/v1/units/{unit_id}/children", { params: { path: { unit_id: unitId }, query: { limit: 500, cursor } } }),
    );
    for (const u of page.items) if (VILLAGE_KINDS.has(u.kind)) out.push({ id: u.id, name: u.name, kind: u.kind });
    cursor = page.next_cursor ?? undefined;
  } while (cursor && out.length < 5000);
  return out;
}

export const villagesQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: committeesKeys.villages(unitId), queryFn: () => listVillages(unitId), staleTime: 60_000 });

export function useVillages(unitId: string | null) {
  return useQuery({ ...villagesQueryOptions(unitId ?? ""), enabled: unitId !== null });
}
