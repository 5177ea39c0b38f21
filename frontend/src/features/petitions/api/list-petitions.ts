import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import type { Channel, DeadlineState, PetitionKind, PetitionPage, Status } from "./types";
import { petitionsKeys } from "./keys";

export type ListPetitionsParams = {
  kind?: PetitionKind[];
  status?: Status[];
  deadlineState?: DeadlineState[];
  category?: string[];
  channel?: Channel[];
  withinUnitId?: string | null;
  receivedFrom?: string | null;
  receivedTo?: string | null;
  receptionId?: string | null;
  q?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching case (one more query on the server). */
  includeTotal?: boolean;
};

export const PETITIONS_PAGE_SIZE = 20;

const many = <T,>(v: T[] | undefined) => (v && v.length > 0 ? v : undefined);

const petitionsQuery = (p: ListPetitionsParams) => ({
  kind: many(p.kind),
  status: many(p.status),
  deadline_state: many(p.deadlineState),
  category: many(p.category),
  channel: many(p.channel),
  within_unit_id: p.withinUnitId || undefined,
  received_from: p.receivedFrom || undefined,
  received_to: p.receivedTo || undefined,
  reception_id: p.receptionId || undefined,
  q: p.q || undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? PETITIONS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listPetitions(p: ListPetitionsParams): Promise<PetitionPage> {
  return unwrap(await api.GET("/api/v1/petitions", { params: { query: petitionsQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportPetitions(p: ListPetitionsParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/petitions", {
      params: { query: { ...petitionsQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listPetitionsQueryOptions = (params: ListPetitionsParams) =>
  queryOptions({
    queryKey: petitionsKeys.list(params),
    queryFn: () => listPetitions(params),
    placeholderData: keepPreviousData,
  });

export function usePetitions(params: ListPetitionsParams) {
  return useQuery(listPetitionsQueryOptions(params));
}
