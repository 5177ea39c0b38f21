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
  /** The chosen unit's name and code, shown while its branch of the tree is not loaded (instead of its id). */
  known?: { id: string; name: string; code: string } | null;
};

type Option = { value: string; title: string; isLeaf: boolean; children?: Option[]; disabled?: boolean };

/** A unit picker for forms (Form.Item compatible) loading the hierarchy one level at a time. */
export function UnitTreeSelect({ id, value, onChange, placeholder, disabled, known }: UnitPickerProps) {
  const { t } = useTranslation();
  const { roots, load, childrenOf } = useLazyUnitTree();
  const loadData = useCallback((node: { value?: string | number }) => load(String(node.value)), [load]);

  const named = known != null && known.id === value;

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
    <TreeSelect<string | { value: string; label: string }>
      id={id}
      showSearch={false}
      allowClear
      labelInValue={named}
      value={named && value ? { value, label: `${known.name} · ${known.code}` } : (value ?? undefined)}
      onChange={(v) => onChange?.((typeof v === "object" && v !== null ? v.value : v) ?? null)}
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
