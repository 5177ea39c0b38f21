import type { UnitTreeParams } from "./get-unit-tree";
import type { SearchUnitsParams } from "./search-units";

/**
 * Every query key of the units feature. A write may change names, the tree, search results,
 * breadcrumbs and lineage at once, so writes invalidate `unitsKeys.all`; each level of the tree
 * is a query of its own (use-lazy-unit-tree.ts).
 */
export const unitsKeys = {
  all: ["units"] as const,
  tree: ({ rootId, depth }: UnitTreeParams) => [...unitsKeys.all, "tree", rootId ?? null, depth] as const,
  search: (params: SearchUnitsParams) => [...unitsKeys.all, "search", params] as const,
  detail: (unitId: string) => [...unitsKeys.all, "detail", unitId] as const,
  children: (unitId: string) => [...unitsKeys.all, "children", unitId] as const,
  childrenCount: (unitId: string) => [...unitsKeys.all, "children-count", unitId] as const,
  ancestors: (unitId: string) => [...unitsKeys.all, "ancestors", unitId] as const,
  lineage: (unitId: string) => [...unitsKeys.all, "lineage", unitId] as const,
};
