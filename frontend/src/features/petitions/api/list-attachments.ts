import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { AttachmentRead } from "./types";
import { petitionsKeys } from "./keys";

/** The case's files, oldest first (confidential ones only for holders of petitions:confidential). */
export async function listAttachments(petitionId: string): Promise<AttachmentRead[]> {
  return unwrap(
    await api.GET("/api/v1/petitions/{petition_id}/attachments", { params: { path: { petition_id: petitionId } } }),
  );
}

export const attachmentsQueryOptions = (petitionId: string) =>
  queryOptions({ queryKey: petitionsKeys.attachments(petitionId), queryFn: () => listAttachments(petitionId) });

export function useAttachments(petitionId: string) {
  return useQuery(attachmentsQueryOptions(petitionId));
}
