import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { UnitCreate, UnitRead } from "./types";
import { unitsKeys } from "./keys";

export async function createUnit(body: UnitCreate, idempotencyKey: string): Promise<UnitRead> {
  return unwrap(await api.POST("/api/v1/units", { body, params: { header: { "Idempotency-Key": idempotencyKey } } }));
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: UnitCreate; idempotencyKey: string }) => createUnit(body, idempotencyKey),
    // The parent's children, its child count and has_children flag in the tree all change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKeys.all }),
  });
}
