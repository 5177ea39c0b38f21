import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { inspectionsKeys } from "./keys";
import type { TeamKind, TeamPage, TeamStatus } from "./types";

export type ListTeamsParams = {
  year?: number | null;
  planId?: string | null;
  withinUnitId?: string | null;
  targetWithinUnitId?: string | null;
  kind?: TeamKind[];
  status?: TeamStatus[];
  q?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  /** Also count every matching team (one more query on the server). */
  includeTotal?: boolean;
};

export const TEAMS_PAGE_SIZE = 20;

const many = <T,>(v: T[] | undefined) => (v && v.length > 0 ? v : undefined);

const teamsQuery = (p: ListTeamsParams) => ({
  year: p.year ?? undefined,
  plan_id: p.planId || undefined,
  within_unit_id: p.withinUnitId || undefined,
  target_within_unit_id: p.targetWithinUnitId || undefined,
  kind: many(p.kind),
  status: many(p.status),
  q: p.q || undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? TEAMS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listTeams(p: ListTeamsParams): Promise<TeamPage> {
  return unwrap(await api.GET("/api/v1/inspections/teams", { params: { query: teamsQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportTeams(p: ListTeamsParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/inspections/teams", {
      params: { query: { ...teamsQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export const listTeamsQueryOptions = (params: ListTeamsParams) =>
  queryOptions({
    queryKey: inspectionsKeys.teamList(params),
    queryFn: () => listTeams(params),
    placeholderData: keepPreviousData,
  });

export function useTeams(params: ListTeamsParams) {
  return useQuery(listTeamsQueryOptions(params));
}
