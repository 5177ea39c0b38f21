import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { AttachmentRead } from "./types";
import { petitionsKeys } from "./keys";

/** Upload one file (multipart); the server reads its type from the content, not from its name. */
export async function uploadAttachment(petitionId: string, file: File, confidential: boolean): Promise<AttachmentRead> {
  const form = new FormData();
  form.append("file", file, file.name);
  form.append("confidential", String(confidential));
  return unwrap(
    await api.POST("/api/v1/petitions/{petition_id}/attachments", {
      params: { path: { petition_id: petitionId }, header: { "Idempotency-Key": crypto.randomUUID() } },
      // openapi-fetch sends a FormData body as is, and the browser sets the multipart boundary.
      body: form as unknown as { file: string; confidential: boolean },
    }),
  );
}

export function useUploadAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { petitionId: string; file: File; confidential: boolean }) =>
      uploadAttachment(v.petitionId, v.file, v.confidential),
    onSuccess: (_d, { petitionId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: petitionsKeys.attachments(petitionId) }),
        queryClient.invalidateQueries({ queryKey: petitionsKeys.events(petitionId) }),
      ]),
  });
}
