import { useCallback, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { unitTreeQueryOptions, useUnitTree } from "./api/get-unit-tree";
import type { UnitTreeNode } from "./api/types";

/**
 * The unit hierarchy loaded one level at a time, for the explorer's tree and the form picker:
 * only the top level up front (a whole country of communes is too much for one request), then
 * each node's children when it is expanded.
 */
export function useLazyUnitTree() {
  const queryClient = useQueryClient();
  const roots = useUnitTree({ depth: 0 });
  const [loaded, setLoaded] = useState<Record<string, UnitTreeNode[]>>({});

  const load = useCallback(
    async (id: string) => {
      if (loaded[id]) return;
      const res = await queryClient.fetchQuery(unitTreeQueryOptions({ rootId: id, depth: 1 }));
      // The endpoint answers with the root itself carrying its children.
      const children = res.length === 1 && res[0]?.id === id ? (res[0].children ?? []) : res;
      setLoaded((prev) => ({ ...prev, [id]: children }));
    },
    [loaded, queryClient],
  );

  const childrenOf = (node: UnitTreeNode): UnitTreeNode[] | undefined => node.children ?? loaded[node.id];
  return { roots, load, childrenOf, loaded };
}
