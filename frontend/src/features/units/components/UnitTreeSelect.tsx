import { useCallback, useMemo } from "react";
import { TreeSelect } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitTreeNode } from "../api/types";
import { useLazyUnitTree } from "../use-lazy-unit-tree";

export type UnitPickerProps = {
  /** Set by Form.Item, so the field's label names the picker. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
};

type Option = { value: string; title: string; isLeaf: boolean; children?: Option[]; disabled?: boolean };

/** A unit picker for forms (Form.Item compatible) loading the hierarchy one level at a time. */
export function UnitTreeSelect({ id, value, onChange, placeholder, disabled }: UnitPickerProps) {
  const { t } = useTranslation();
  const { roots, load, childrenOf } = useLazyUnitTree();
  const loadData = useCallback((node: { value?: string | number }) => load(String(node.value)), [load]);

  const treeData = useMemo(() => {
    const build = (nodes: UnitTreeNode[]): Option[] =>
      nodes.map((n) => {
        const children = childrenOf(n);
        return {
          value: n.id,
          title: `${n.name} · ${n.code}`,
          isLeaf: !n.has_children,
          disabled: n.status === "retired",
          children: children ? build(children) : undefined,
        };
      });
    return build(roots.data ?? []);
  }, [roots.data, childrenOf]);

  return (
    <TreeSelect
      id={id}
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
