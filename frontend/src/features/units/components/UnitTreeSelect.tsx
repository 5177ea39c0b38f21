import { useCallback, useMemo, useState } from "react";
import { TreeSelect } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { unitTreeQueryOptions, useUnitTree } from "../api/get-unit-tree";
import type { UnitTreeNode } from "../api/types";

export type UnitPickerProps = {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
};

type Option = { value: string; title: string; isLeaf: boolean; children?: Option[]; disabled?: boolean };

/** A unit picker for forms (Form.Item compatible) loading the hierarchy one level at a time. */
export function UnitTreeSelect({ value, onChange, placeholder, disabled }: UnitPickerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roots = useUnitTree({ depth: 0 });
  const [loaded, setLoaded] = useState<Record<string, UnitTreeNode[]>>({});

  const loadData = useCallback(
    async (node: { value?: string | number }) => {
      const id = String(node.value);
      if (loaded[id]) return;
      const res = await queryClient.fetchQuery(unitTreeQueryOptions({ rootId: id, depth: 1 }));
      const children = res.length === 1 && res[0]?.id === id ? (res[0].children ?? []) : res;
      setLoaded((prev) => ({ ...prev, [id]: children }));
    },
    [loaded, queryClient],
  );

  const treeData = useMemo(() => {
    const build = (nodes: UnitTreeNode[]): Option[] =>
      nodes.map((n) => {
        const children = n.children ?? loaded[n.id];
        return {
          value: n.id,
          title: `${n.name} · ${n.code}`,
          isLeaf: !n.has_children,
          disabled: n.status === "retired",
          children: children ? build(children) : undefined,
        };
      });
    return build(roots.data ?? []);
  }, [roots.data, loaded]);

  return (
    <TreeSelect
      showSearch={false}
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      treeData={treeData}
      loadData={loadData}
      loading={roots.isPending}
      disabled={disabled}
      placeholder={placeholder ?? t("units.pick")}
      status={roots.isError ? "error" : undefined}
      notFoundContent={roots.isError ? t("units.loadFailed") : undefined}
      style={{ width: "100%" }}
      popupMatchSelectWidth={false}
    />
  );
}
