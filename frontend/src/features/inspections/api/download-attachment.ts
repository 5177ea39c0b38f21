import { api, unwrapBlob } from "../../../api/client";
import type { FilesOwner } from "./list-attachments";

/** The file's bytes (fetched with the session's token, so a plain link would not do). */
export async function downloadAttachment(owner: FilesOwner, attachmentId: string): Promise<Blob> {
  return unwrapBlob(
    owner.kind === "finding"
      ? await api.GET("/api/v1/inspections/teams/{team_id}/findings/{finding_id}/attachments/{attachment_id}", {
          params: { path: { team_id: owner.teamId, finding_id: owner.findingId, attachment_id: attachmentId } },
          parseAs: "blob",
        })
      : await api.GET("/api/v1/inspections/recommendations/{recommendation_id}/reports/{report_id}/attachments/{attachment_id}", {
          params: {
            path: { recommendation_id: owner.recommendationId, report_id: owner.reportId, attachment_id: attachmentId },
          },
          parseAs: "blob",
        }),
  );
}
