import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { TermCreate, TermRead, TermUpdate } from "./types";

export async function createTerm(committeeId: string, body: TermCreate): Promise<TermRead> {
  return unwrap(await api.POST("/api/v1/committees/{committee_id}/terms", { params: { path: { committee_id: committeeId } }, body }));
}

export async function updateTerm(committeeId: string, termId: string, body: TermUpdate): Promise<TermRead> {
  return unwrap(
    await api.PATCH("/api/v1/committees/{committee_id}/terms/{term_id}", {
      params: { path: { committee_id: committeeId, term_id: termId } },
      body,
    }),
  );
}

/** Record a term (`termId` null) or change one (end it); the committee's terms and compliance are read again. */
export function useWriteTerm(committeeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ termId, body }: { termId: string | null; body: TermCreate | TermUpdate }) =>
      termId === null ? createTerm(committeeId, body as TermCreate) : updateTerm(committeeId, termId, body),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: committeesKeys.detail(committeeId) }),
        qc.invalidateQueries({ queryKey: committeesKeys.compliances() }),
        qc.invalidateQueries({ queryKey: committeesKeys.lists() }),
      ]);
    },
  });
}
