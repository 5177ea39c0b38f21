import { api, unwrapBlob } from "../../../api/client";

/** The file's bytes (fetched with the session's token, so a plain link would not do). */
export async function downloadAttachment(petitionId: string, attachmentId: string): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/petitions/{petition_id}/attachments/{attachment_id}", {
      params: { path: { petition_id: petitionId, attachment_id: attachmentId } },
      parseAs: "blob",
    }),
  );
}
