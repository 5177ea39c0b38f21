import { useCallback, useMemo } from "react";
import { Alert, Spin, Tree, Typography } from "antd";
import type { TreeDataNode } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import type { UnitTreeNode } from "../api/types";
import { useLazyUnitTree } from "../use-lazy-unit-tree";

type Props = { selectedId: string | null; onSelect: (unitId: string) => void };

export function UnitTree({ selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const { roots, load, childrenOf, loaded } = useLazyUnitTree();
  const loadData = useCallback((node: TreeDataNode) => load(String(node.key)), [load]);

  const treeData = useMemo(() => {
    const build = (nodes: UnitTreeNode[]): TreeDataNode[] =>
      nodes.map((n) => {
        const children = childrenOf(n);
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
