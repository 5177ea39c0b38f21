import type { components } from "../../../api/schema.gen";

type S = components["schemas"];
export type ProjectRead = S["ProjectRead"];
export type ProjectPage = S["ProjectReadPage"];
export type ProjectCreate = S["ProjectCreate"];
export type ProjectUpdate = S["ProjectUpdate"];
export type CapitalSource = S["CapitalSource"];

export const CAPITAL_SOURCES = ["state_budget", "oda", "ppp", "community_contribution", "sponsor", "other"] as const satisfies readonly CapitalSource[];
export const PROJECT_SORTS = ["name", "starts_on", "created_at"] as const;
