import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { attachmentsKey, type AttachmentRead, type FilesOwner } from "./list-attachments";

/** Upload one file (multipart); the server reads its type from the content, not from its name. */
export async function uploadAttachment(owner: FilesOwner, file: File): Promise<AttachmentRead> {
  const form = new FormData();
  form.append("file", file, file.name);
  const header = { "Idempotency-Key": crypto.randomUUID() };
  // openapi-fetch sends a FormData body as is, and the browser sets the multipart boundary.
  const body = form as unknown as { file: string };
  if (owner.kind === "finding") {
    return unwrap(
      await api.POST("/api/v1/inspections/teams/{team_id}/findings/{finding_id}/attachments", {
        params: { path: { team_id: owner.teamId, finding_id: owner.findingId }, header },
        body,
      }),
    );
  }
  return unwrap(
    await api.POST("/api/v1/inspections/recommendations/{recommendation_id}/reports/{report_id}/attachments", {
      params: { path: { recommendation_id: owner.recommendationId, report_id: owner.reportId }, header },
      body,
    }),
  );
}

export function useUploadAttachment(owner: FilesOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(owner, file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(owner) }),
  });
}
