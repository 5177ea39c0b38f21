import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { teamQueryOptions, type VersionedTeam } from "./get-team";
import { inspectionsKeys } from "./keys";
import type { TeamCreate, TeamUpdate } from "./types";

/** Form a team (state `planned`); `Location` and the answer name it. */
export async function createTeam(body: TeamCreate, idempotencyKey: string): Promise<VersionedTeam> {
  const result = await api.POST("/api/v1/inspections/teams", {
    params: { header: { "Idempotency-Key": idempotencyKey } },
    body,
  });
  return { team: unwrap(result), etag: result.response.headers.get("ETag") };
}

/** Correct an open team's record (only what changed) with its ETag: a change meanwhile is a 412. */
export async function updateTeam(teamId: string, body: TeamUpdate, etag: string | null): Promise<VersionedTeam> {
  const result = await api.PATCH("/api/v1/inspections/teams/{team_id}", {
    params: { path: { team_id: teamId }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { team: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: TeamCreate; idempotencyKey: string }) => createTeam(v.body, v.idempotencyKey),
    onSuccess: (created) => {
      queryClient.setQueryData(teamQueryOptions(created.team.id).queryKey, created);
      return queryClient.invalidateQueries({ queryKey: inspectionsKeys.teamLists() });
    },
  });
}

export function useUpdateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { teamId: string; body: TeamUpdate; etag: string | null }) => updateTeam(v.teamId, v.body, v.etag),
    onSuccess: (updated) => {
      queryClient.setQueryData(teamQueryOptions(updated.team.id).queryKey, updated);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.teamLists() }),
        queryClient.invalidateQueries({ queryKey: inspectionsKeys.findings(updated.team.id) }),
      ]);
    },
    // A stale tag (412) or a team closed meanwhile (409): read the team again.
    onError: (_err, { teamId }) => queryClient.invalidateQueries({ queryKey: inspectionsKeys.team(teamId) }),
  });
}
