import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { getReception } from "./get-reception";
import { receptionsKeys } from "./keys";

/** Remove a session recorded by mistake: read it fresh for its ETag, then DELETE with If-Match. */
export async function deleteReception(receptionId: string): Promise<void> {
  const { etag } = await getReception(receptionId);
  unwrap(
    await api.DELETE("/api/v1/receptions/{reception_id}", {
      params: { path: { reception_id: receptionId }, header: etag ? { "If-Match": etag } : undefined },
    }),
  );
}

export function useDeleteReception() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (receptionId: string) => deleteReception(receptionId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: receptionsKeys.all }),
  });
}
