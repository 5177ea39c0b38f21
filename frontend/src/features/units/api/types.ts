import type { components } from "../../../api/schema.gen";

export type UnitRead = components["schemas"]["UnitRead"];
export type UnitSummary = components["schemas"]["UnitSummary"];
export type UnitTreeNode = components["schemas"]["UnitTreeNode"];
export type UnitKind = components["schemas"]["UnitKind"];
export type LineageRead = components["schemas"]["LineageRead"];
