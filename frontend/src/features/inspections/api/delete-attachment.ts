import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { attachmentsKey, type AttachmentRead, type FilesOwner } from "./list-attachments";

/** Remove a file attached by mistake; `If-Match` is the file's digest (its download's ETag). */
export async function deleteAttachment(owner: FilesOwner, file: Pick<AttachmentRead, "id" | "sha256">): Promise<void> {
  const header = { "If-Match": `"${file.sha256}"` };
  if (owner.kind === "finding") {
    unwrap(
      await api.DELETE("/api/v1/inspections/teams/{team_id}/findings/{finding_id}/attachments/{attachment_id}", {
        params: { path: { team_id: owner.teamId, finding_id: owner.findingId, attachment_id: file.id }, header },
      }),
    );
    return;
  }
  unwrap(
    await api.DELETE("/api/v1/inspections/recommendations/{recommendation_id}/reports/{report_id}/attachments/{attachment_id}", {
      params: {
        path: { recommendation_id: owner.recommendationId, report_id: owner.reportId, attachment_id: file.id },
        header,
      },
    }),
  );
}

export function useDeleteAttachment(owner: FilesOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: Pick<AttachmentRead, "id" | "sha256">) => deleteAttachment(owner, file),
    onSettled: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(owner) }),
  });
}
