import { useCallback, useMemo, useState } from "react";
import { Alert, Spin, Tree, Typography } from "antd";
import type { TreeDataNode } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { unitTreeQueryOptions, useUnitTree } from "../api/get-unit-tree";
import type { UnitTreeNode } from "../api/types";

type Props = { selectedId: string | null; onSelect: (unitId: string) => void };

export function UnitTree({ selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Only the top level up front; a whole country of communes is too much for one request.
  const roots = useUnitTree({ depth: 0 });
  const [loaded, setLoaded] = useState<Record<string, UnitTreeNode[]>>({});

  const loadData = useCallback(
    async (node: TreeDataNode) => {
      const id = String(node.key);
      if (loaded[id]) return;
      const res = await queryClient.fetchQuery(unitTreeQueryOptions({ rootId: id, depth: 1 }));
      // The endpoint answers with the root itself carrying its children.
      const children = res.length === 1 && res[0]?.id === id ? (res[0].children ?? []) : res;
      setLoaded((prev) => ({ ...prev, [id]: children }));
    },
    [loaded, queryClient],
  );

  const treeData = useMemo(() => {
    const build = (nodes: UnitTreeNode[]): TreeDataNode[] =>
      nodes.map((n) => {
        const children = n.children ?? loaded[n.id];
        return {
          key: n.id,
          isLeaf: !n.has_children,
          title: (
            <Typography.Text type={n.status === "retired" ? "secondary" : undefined} delete={n.status === "retired"}>
              {n.name} <Typography.Text type="secondary">· {n.code}</Typography.Text>
            </Typography.Text>
          ),
          children: children ? build(children) : undefined,
        };
      });
    return build(roots.data ?? []);
  }, [roots.data, loaded]);

  if (roots.isPending) return <Spin />;
  if (roots.isError) return <Alert type="error" message={errorMessage(t, roots.error)} />;
  return (
    <Tree
      blockNode
      showLine
      treeData={treeData}
      loadData={loadData}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
      height={600} // virtualised: a province can hold hundreds of communes
    />
  );
}
