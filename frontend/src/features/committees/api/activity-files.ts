import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { ActivityFileRead } from "./types";

/** Which activity the files hang off. */
export type ActivityRef = { committeeId: string; activityId: string };

const path = ({ committeeId, activityId }: ActivityRef) => ({ committee_id: committeeId, activity_id: activityId });

/** The activity's files (its plan as sent, the minutes, the findings' evidence), oldest first. */
export async function listActivityFiles(ref: ActivityRef): Promise<ActivityFileRead[]> {
  return unwrap(await api.GET("/api/v1/committees/{committee_id}/activities/{activity_id}/attachments", { params: { path: path(ref) } }));
}

export const activityFilesQueryOptions = (ref: ActivityRef) =>
  queryOptions({ queryKey: committeesKeys.activityFiles(ref.committeeId, ref.activityId), queryFn: () => listActivityFiles(ref) });

export function useActivityFiles(ref: ActivityRef) {
  return useQuery(activityFilesQueryOptions(ref));
}

/** Upload one file (multipart); the server reads its type from the content, not from its name. */
export async function uploadActivityFile(ref: ActivityRef, file: File): Promise<ActivityFileRead> {
  const form = new FormData();
  form.append("file", file, file.name);
  return unwrap(
    await api.POST("/api/v1/committees/{committee_id}/activities/{activity_id}/attachments", {
      params: { path: path(ref), header: { "Idempotency-Key": crypto.randomUUID() } },
      // openapi-fetch sends a FormData body as is, and the browser sets the multipart boundary.
      body: form as unknown as { file: string },
    }),
  );
}

/** Remove a file attached by mistake; `If-Match` is the file's digest (its download's ETag). */
export async function deleteActivityFile(ref: ActivityRef, file: Pick<ActivityFileRead, "id" | "sha256">): Promise<void> {
  unwrap(
    await api.DELETE("/api/v1/committees/{committee_id}/activities/{activity_id}/attachments/{attachment_id}", {
      params: { path: { ...path(ref), attachment_id: file.id }, header: { "If-Match": `"${file.sha256}"` } },
    }),
  );
}

/** The file's bytes (fetched with the session's token, so a plain link would not do). */
export async function downloadActivityFile(ref: ActivityRef, attachmentId: string): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/committees/{committee_id}/activities/{activity_id}/attachments/{attachment_id}", {
      params: { path: { ...path(ref), attachment_id: attachmentId } },
      parseAs: "blob",
    }),
  );
}

export function useUploadActivityFile(ref: ActivityRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadActivityFile(ref, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: committeesKeys.activityFiles(ref.committeeId, ref.activityId) }),
  });
}

export function useDeleteActivityFile(ref: ActivityRef) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: Pick<ActivityFileRead, "id" | "sha256">) => deleteActivityFile(ref, file),
    onSettled: () => qc.invalidateQueries({ queryKey: committeesKeys.activityFiles(ref.committeeId, ref.activityId) }),
  });
}
