import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { teamQueryOptions, type VersionedTeam } from "./get-team";
import { inspectionsKeys } from "./keys";
import type { TeamTransitionRequest } from "./types";

/**
 * Move a team with the ETag of the copy the user acted on: a change meanwhile by someone else is a
 * 412, a move the state no longer allows a 409 `action_not_allowed` naming the moves allowed now.
 */
export async function transitionTeam(
  teamId: string,
  body: TeamTransitionRequest,
  etag: string | null,
  idempotencyKey: string,
): Promise<VersionedTeam> {
  const result = await api.POST("/api/v1/inspections/teams/{team_id}/transitions", {
    params: {
      path: { team_id: teamId },
      header: { "Idempotency-Key": idempotencyKey, ...(etag ? { "If-Match": etag } : {}) },
    },
    body,
  });
  return { team: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useTransitionTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { teamId: string; body: TeamTransitionRequest; etag: string | null; idempotencyKey: string }) =>
      transitionTeam(v.teamId, v.body, v.etag, v.idempotencyKey),
    onSuccess: (moved) => {
      queryClient.setQueryData(teamQueryOptions(moved.team.id).queryKey, moved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.teamLists() }),
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.teamEvents(moved.team.id) }),
      ]);
    },
    // 409 or 412: the team moved on; show what it allows now.
    onError: (_err, { teamId }) => queryClient.invalidateQueries({ queryKey: inspectionsKeys.team(teamId) }),
  });
}
