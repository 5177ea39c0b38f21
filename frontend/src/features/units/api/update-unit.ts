import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { unitQueryOptions, type VersionedUnit } from "./get-unit";
import type { UnitUpdate } from "./types";
import { unitsKeys } from "./keys";

/** PATCH with the ETag of the copy the user edited: a change made meanwhile by someone else is a 412. */
export async function updateUnit(unitId: string, body: UnitUpdate, etag: string | null): Promise<VersionedUnit> {
  const result = await api.PATCH("/api/v1/units/{unit_id}", {
    params: { path: { unit_id: unitId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { unit: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body, etag }: { unitId: string; body: UnitUpdate; etag: string | null }) =>
      updateUnit(unitId, body, etag),
    onSuccess: (updated) => {
      queryClient.setQueryData(unitQueryOptions(updated.unit.id).queryKey, updated);
      // Names and codes also show in the tree, search results, breadcrumbs and others' lineage.
      return queryClient.invalidateQueries({ queryKey: unitsKeys.all });
    },
    // A stale ETag (412) means the copy on screen is old: read it again.
    onError: (_err, { unitId }) => queryClient.invalidateQueries({ queryKey: unitsKeys.detail(unitId) }),
  });
}
