import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { teamQueryOptions, type VersionedTeam } from "./get-team";
import { inspectionsKeys } from "./keys";
import type { FindingCreate, FindingRead, FindingUpdate } from "./types";

/** A finding written, with the team's new `ETag` (a finding is part of its team). */
export type SavedFinding = { finding: FindingRead; etag: string | null };

/** Record a finding, with the team's ETag: a change to the team meanwhile is a 412. */
export async function createFinding(
  teamId: string,
  body: FindingCreate,
  etag: string | null,
  idempotencyKey: string,
): Promise<SavedFinding> {
  const result = await api.POST("/api/v1/inspections/teams/{team_id}/findings", {
    params: {
      path: { team_id: teamId },
      header: { "Idempotency-Key": idempotencyKey, ...(etag ? { "If-Match": etag } : {}) },
    },
    body,
  });
  return { finding: unwrap(result), etag: result.response.headers.get("ETag") };
}

/** Correct a finding (only the fields changed), with the team's ETag. */
export async function updateFinding(
  teamId: string,
  findingId: string,
  body: FindingUpdate,
  etag: string | null,
): Promise<SavedFinding> {
  const result = await api.PATCH("/api/v1/inspections/teams/{team_id}/findings/{finding_id}", {
    params: { path: { team_id: teamId, finding_id: findingId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { finding: unwrap(result), etag: result.response.headers.get("ETag") };
}

export type SaveFindingInput =
  | { teamId: string; etag: string | null; create: FindingCreate; idempotencyKey: string }
  | { teamId: string; etag: string | null; findingId: string; update: FindingUpdate };

export function saveFinding(v: SaveFindingInput): Promise<SavedFinding> {
  return "create" in v
    ? createFinding(v.teamId, v.create, v.etag, v.idempotencyKey)
    : updateFinding(v.teamId, v.findingId, v.update, v.etag);
}

export function useSaveFinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveFinding,
    onSuccess: (saved, { teamId }) => {
      // The team's tag moved with the finding: the next write on this page must send the new one.
      queryClient.setQueryData(teamQueryOptions(teamId).queryKey, (old: VersionedTeam | undefined) =>
        old ? { ...old, etag: saved.etag ?? old.etag } : old,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.findings(teamId) }),
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.team(teamId) }),
      ]);
    },
    // A stale tag (412) or a team that stopped collecting (409): read the team again.
    onError: (_err, { teamId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.team(teamId) }),
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.findings(teamId) }),
      ]),
  });
}
