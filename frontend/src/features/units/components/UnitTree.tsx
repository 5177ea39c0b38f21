import { useCallback, useEffect, useMemo, useRef, useState, type Key } from "react";
import { Alert, Empty, Skeleton, Tree, Typography } from "antd";
import type { GetRef, TreeDataNode } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { unitAncestorsQueryOptions } from "../api/get-unit-ancestors";
import type { UnitTreeNode } from "../api/types";
import { useLazyUnitTree } from "../use-lazy-unit-tree";

type Props = { selectedId: string | null; onSelect: (unitId: string) => void };

export function UnitTree({ selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { roots, load, childrenOf } = useLazyUnitTree();
  const loadData = useCallback((node: TreeDataNode) => load(String(node.key)), [load]);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const treeRef = useRef<GetRef<typeof Tree>>(null);
  const scrollTo = useRef<string | null>(null);

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
  }, [roots.data, childrenOf]);

  // Reveal the selected unit (picked in search results, a breadcrumb or the lineage): load and
  // expand its ancestors, then scroll it into view once the tree has rendered it.
  useEffect(() => {
    if (!selectedId) return;
    let cancelled = false;
    void (async () => {
      const ancestors = await queryClient.fetchQuery(unitAncestorsQueryOptions(selectedId));
      const ids = ancestors.map((a) => a.id);
      await Promise.all(ids.map((id) => load(id)));
      if (cancelled) return;
      scrollTo.current = selectedId;
      setExpandedKeys((prev) => [...new Set([...prev, ...ids])]);
    })().catch(() => {
      // Out of the tree's reach (a retired unit's retired ancestors, say): the details still show.
    });
    return () => {
      cancelled = true;
    };
  }, [selectedId, queryClient, load]);

  useEffect(() => {
    if (scrollTo.current && treeRef.current) {
      treeRef.current.scrollTo({ key: scrollTo.current, align: "auto" });
      scrollTo.current = null;
    }
  }, [expandedKeys, treeData]);

  // Data first: a failed background refetch keeps what is shown.
  if (!roots.data) return roots.isError ? <Alert type="error" showIcon message={errorMessage(t, roots.error)} /> : <Skeleton active paragraph={{ rows: 8 }} />;
  if (treeData.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.emptyTree")} />;
  return (
    <Tree
      ref={treeRef}
      aria-label={t("units.treeLabel")}
      blockNode
      showLine
      treeData={treeData}
      loadData={loadData}
      expandedKeys={expandedKeys}
      onExpand={(keys) => setExpandedKeys(keys)}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
      height={600} // virtualised: a province can hold hundreds of communes
    />
  );
}
