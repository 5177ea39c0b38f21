import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema.gen";
import { inspectionsKeys } from "./keys";

/** What files hang off: a finding (its evidence) or a progress report (the owner's proofs). */
export type FilesOwner =
  | { kind: "finding"; teamId: string; findingId: string }
  | { kind: "report"; recommendationId: string; reportId: string };

export type AttachmentRead = components["schemas"]["FindingAttachmentRead"] | components["schemas"]["ReportAttachmentRead"];

export const attachmentsKey = (owner: FilesOwner) =>
  owner.kind === "finding"
    ? ([...inspectionsKeys.teams(), "attachments", owner.findingId] as const)
    : ([...inspectionsKeys.recommendations(), "attachments", owner.reportId] as const);

/** The files of a finding or progress report, oldest first. */
export async function listAttachments(owner: FilesOwner): Promise<AttachmentRead[]> {
  if (owner.kind === "finding") {
    return unwrap(
      await api.GET("/api/v1/inspections/teams/{team_id}/findings/{finding_id}/attachments", {
        params: { path: { team_id: owner.teamId, finding_id: owner.findingId } },
      }),
    );
  }
  return unwrap(
    await api.GET("/api/v1/inspections/recommendations/{recommendation_id}/reports/{report_id}/attachments", {
      params: { path: { recommendation_id: owner.recommendationId, report_id: owner.reportId } },
    }),
  );
}

export const attachmentsQueryOptions = (owner: FilesOwner) =>
  queryOptions({ queryKey: attachmentsKey(owner), queryFn: () => listAttachments(owner) });

export function useAttachments(owner: FilesOwner) {
  return useQuery(attachmentsQueryOptions(owner));
}
