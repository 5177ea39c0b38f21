import { api, toApiError } from "../../../api/client";

/** The file's bytes (fetched with the session's token, so a plain link would not do). */
export async function downloadAttachment(petitionId: string, attachmentId: string): Promise<Blob> {
  const result = await api.GET("/api/v1/petitions/{petition_id}/attachments/{attachment_id}", {
    params: { path: { petition_id: petitionId, attachment_id: attachmentId } },
    parseAs: "blob",
  });
  if (!result.response.ok) {
    // The problem body was read as a blob: parse it back.
    const body: unknown = await (result.error as Blob | undefined)?.text().then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    );
    throw toApiError(body, result.response);
  }
  return result.data as Blob;
}
