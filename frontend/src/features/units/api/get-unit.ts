import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitRead } from "./types";
import { unitsKeys } from "./keys";

/** A unit with the `ETag` a later PATCH, retire or delete must send back in `If-Match`. */
export type VersionedUnit = { unit: UnitRead; etag: string | null };

export async function getUnit(unitId: string): Promise<VersionedUnit> {
  const result = await api.GET("/api/v1/units/{unit_id}", { params: { path: { unit_id: unitId } } });
  return { unit: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const unitQueryOptions = (unitId: string) =>
  queryOptions({ queryKey: unitsKeys.detail(unitId), queryFn: () => getUnit(unitId) });

export function useUnit(unitId: string) {
  return useQuery({ ...unitQueryOptions(unitId), select: (v) => v.unit });
}

/** The unit as last read together with its ETag, for forms that write it back. */
export function useVersionedUnit(unitId: string | null) {
  return useQuery({ ...unitQueryOptions(unitId ?? ""), enabled: unitId !== null });
}
