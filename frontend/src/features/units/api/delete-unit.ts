import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { unitsKeys } from "./keys";

/** Only for a unit created by mistake: the API refuses one with children or lineage (409). */
export async function deleteUnit(unitId: string, etag: string | null): Promise<void> {
  unwrap(
    await api.DELETE("/api/v1/units/{unit_id}", {
      params: { path: { unit_id: unitId }, header: etag ? { "If-Match": etag } : undefined },
    }),
  );
}

export function useDeleteUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, etag }: { unitId: string; etag: string | null }) => deleteUnit(unitId, etag),
    // Refresh everything but the deleted unit's own queries: reading it again would only answer
    // 404 while its details are still on screen (the caller then selects another unit).
    onSuccess: (_data, { unitId }) =>
      queryClient.invalidateQueries({ queryKey: unitsKeys.all, predicate: (q) => !q.queryKey.includes(unitId) }),
    onError: (_err, { unitId }) => queryClient.invalidateQueries({ queryKey: unitsKeys.detail(unitId) }),
  });
}
