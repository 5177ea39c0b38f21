import type { components } from "../../../api/schema.gen";

export type UnitRead = components["schemas"]["UnitRead"];
export type UnitSummary = components["schemas"]["UnitSummary"];
export type UnitTreeNode = components["schemas"]["UnitTreeNode"];
export type UnitKind = components["schemas"]["UnitKind"];
export type UnitCreate = components["schemas"]["UnitCreate"];
export type UnitUpdate = components["schemas"]["UnitUpdate"];
export type UnitPage = components["schemas"]["UnitReadPage"];
export type CodeSystem = components["schemas"]["CodeSystem"];
export type LineageRead = components["schemas"]["LineageRead"];
export type ReorganizationCreate = components["schemas"]["ReorganizationCreate"];
export type ReorganizationRead = components["schemas"]["ReorganizationRead"];
export type ReorganizationKind = components["schemas"]["ReorganizationKind"];
export type SuccessorSpec = components["schemas"]["SuccessorSpec"];
