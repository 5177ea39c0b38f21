import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { petitionsKeys } from "./keys";

/** Remove a file attached by mistake (the removal is an event of the case and in the audit log). */
export async function deleteAttachment(petitionId: string, attachmentId: string): Promise<void> {
  unwrap(
    await api.DELETE("/api/v1/petitions/{petition_id}/attachments/{attachment_id}", {
      params: { path: { petition_id: petitionId, attachment_id: attachmentId } },
    }),
  );
}

export function useDeleteAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { petitionId: string; attachmentId: string }) => deleteAttachment(v.petitionId, v.attachmentId),
    onSettled: (_d, _e, { petitionId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: petitionsKeys.attachments(petitionId) }),
        queryClient.invalidateQueries({ queryKey: petitionsKeys.events(petitionId) }),
      ]),
  });
}
