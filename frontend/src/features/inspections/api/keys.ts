import type { ListTeamsParams } from "./list-teams";

/** Every query key of the inspections feature, widest first. */
export const inspectionsKeys = {
  all: ["inspections"] as const,
  teams: () => [...inspectionsKeys.all, "teams"] as const,
  teamList: (params: ListTeamsParams) => [...inspectionsKeys.teams(), "list", params] as const,
};
