import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { teamQueryOptions, type VersionedTeam } from "./get-team";
import { inspectionsKeys } from "./keys";
import type { TargetUpdate } from "./types";

/**
 * Record a visit (a target's state, dates, self-assessment, rating, notes, conclusion) with the
 * team's ETag: a target is part of its team, and the answer is the team with its new tag.
 */
export async function updateTarget(teamId: string, targetId: string, body: TargetUpdate, etag: string | null): Promise<VersionedTeam> {
  const result = await api.PATCH("/api/v1/inspections/teams/{team_id}/targets/{target_id}", {
    params: { path: { team_id: teamId, target_id: targetId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { team: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useUpdateTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { teamId: string; targetId: string; body: TargetUpdate; etag: string | null }) =>
      updateTarget(v.teamId, v.targetId, v.body, v.etag),
    onSuccess: (updated) => {
      queryClient.setQueryData(teamQueryOptions(updated.team.id).queryKey, updated);
    },
    // A stale tag (412) or a closed team (409): read the team again.
    onError: (_err, { teamId }) => queryClient.invalidateQueries({ queryKey: inspectionsKeys.team(teamId) }),
  });
}
