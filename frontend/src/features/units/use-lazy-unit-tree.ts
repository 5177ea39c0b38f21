import { useCallback, useState } from "react";
import { useQueries, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { unitTreeQueryOptions, useUnitTree } from "./api/get-unit-tree";
import type { UnitTreeNode } from "./api/types";

type Loaded = Record<string, UnitTreeNode[]>;

// The endpoint answers with the root itself carrying its children.
function childrenIn(id: string, res: UnitTreeNode[]): UnitTreeNode[] {
  return res.length === 1 && res[0]?.id === id ? (res[0].children ?? []) : res;
}

/**
 * The unit hierarchy loaded one level at a time, for the explorer's tree and the form picker:
 * only the top level up front (a whole country of communes is too much for one request), then
 * each node's children when it is expanded. Every level is a query of its own, so a write that
 * invalidates `["units"]` refreshes exactly the levels on screen.
 */
export function useLazyUnitTree() {
  const queryClient = useQueryClient();
  const roots = useUnitTree({ depth: 0 });
  const [opened, setOpened] = useState<string[]>([]);

  const loaded = useQueries({
    queries: opened.map((id) => unitTreeQueryOptions({ rootId: id, depth: 1 })),
    combine: useCallback(
      (results: UseQueryResult<UnitTreeNode[]>[]) => {
        const out: Loaded = {};
        results.forEach((r, i) => {
          const id = opened[i];
          if (id !== undefined && r.data) out[id] = childrenIn(id, r.data);
        });
        return out;
      },
      [opened],
    ),
  });

  /** Fetch a node's children (once; later reads come from the cache) and keep them on screen. */
  const load = useCallback(
    async (id: string) => {
      await queryClient.ensureQueryData(unitTreeQueryOptions({ rootId: id, depth: 1 }));
      setOpened((prev) => (prev.includes(id) ? prev : [...prev, id]));
    },
    [queryClient],
  );

  // A new function whenever a level arrives, so memoized trees built with it rebuild.
  const childrenOf = useCallback((node: UnitTreeNode): UnitTreeNode[] | undefined => node.children ?? loaded[node.id], [loaded]);
  return { roots, load, childrenOf };
}
