import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { CommitteeCreate, CommitteeRead } from "./types";

export async function createCommittee(body: CommitteeCreate): Promise<CommitteeRead> {
  return unwrap(await api.POST("/api/v1/committees", { body }));
}

export function useCreateCommittee() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createCommittee,
    onSuccess: () => qc.invalidateQueries({ queryKey: committeesKeys.lists() }),
  });
}
