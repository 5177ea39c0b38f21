import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitRead } from "./types";
import { unitsKeys } from "./keys";

export type RetireUnitInput = { unitId: string; effectiveDate: string; etag: string | null; idempotencyKey: string };

export async function retireUnit({ unitId, effectiveDate, etag, idempotencyKey }: RetireUnitInput): Promise<UnitRead> {
  return unwrap(
    await api.POST("/api/v1/units/{unit_id}/retire", {
      params: {
        path: { unit_id: unitId },
        header: { "Idempotency-Key": idempotencyKey, ...(etag ? { "If-Match": etag } : {}) },
      },
      body: { effective_date: effectiveDate },
    }),
  );
}

export function useRetireUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retireUnit,
    // A retired unit leaves the tree and the search; its status and validity change.
    onSettled: () => queryClient.invalidateQueries({ queryKey: unitsKeys.all }),
  });
}
