import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { receptionQueryOptions, type VersionedReception } from "./get-reception";
import type { ReceptionUpdate } from "./types";
import { receptionsKeys } from "./keys";

/** PATCH with the ETag of the copy the user edited: a change made meanwhile is a 412. */
export async function updateReception(receptionId: string, body: ReceptionUpdate, etag: string | null): Promise<VersionedReception> {
  const result = await api.PATCH("/api/v1/receptions/{reception_id}", {
    params: { path: { reception_id: receptionId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { reception: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useUpdateReception() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ receptionId, body, etag }: { receptionId: string; body: ReceptionUpdate; etag: string | null }) =>
      updateReception(receptionId, body, etag),
    onSuccess: (updated) => {
      queryClient.setQueryData(receptionQueryOptions(updated.reception.id).queryKey, updated);
      return queryClient.invalidateQueries({ queryKey: receptionsKeys.all });
    },
    onError: (_err, { receptionId }) => queryClient.invalidateQueries({ queryKey: receptionsKeys.detail(receptionId) }),
  });
}
