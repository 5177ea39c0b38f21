import { useEffect, useMemo, useState } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchUnits } from "../api/search-units";
import type { UnitSummary } from "../api/types";

type Props = {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  /** Units that may already be chosen, so their names show before any search. */
  known?: readonly UnitSummary[];
  /** Units that cannot be chosen here (e.g. the predecessors, among successors). */
  exclude?: readonly string[];
  placeholder?: string;
  disabled?: boolean;
  /** Only this unit and the units below it; they are listed before anything is typed. */
  withinUnitId?: string | null;
  "aria-invalid"?: boolean | "true" | "false";
};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const label = (u: UnitSummary) => `${u.name} · ${u.code}`;

/** Pick one or several active units by typing part of a name or code (diacritics optional). */
export function UnitSearchSelect({ id, value, onChange, multiple, known = [], exclude = [], placeholder, disabled, withinUnitId, ...aria }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const q = useDebounced(typed.trim(), 300);
  const results = useSearchUnits({ q, limit: 20, withinUnitId });
  // Units chosen from earlier searches, so a chosen unit keeps its label once the search moves on.
  const [seen, setSeen] = useState<Record<string, UnitSummary>>({});
  const remember = (picked: string | string[] | null | undefined) => {
    const ids = Array.isArray(picked) ? picked : picked ? [picked] : [];
    const found = (results.data?.items ?? []).filter((u) => ids.includes(u.id));
    if (found.length) setSeen((prev) => ({ ...prev, ...Object.fromEntries(found.map((u) => [u.id, u])) }));
  };

  const options = useMemo(() => {
    const byId = new Map<string, UnitSummary>();
    for (const u of [...known, ...Object.values(seen)]) byId.set(u.id, u);
    const shown = q || withinUnitId ? (results.data?.items ?? []) : [];
    const chosen = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => (byId.has(v) ? [byId.get(v)!] : []));
    const list = new Map<string, UnitSummary>();
    for (const u of [...chosen, ...known, ...shown]) if (!exclude.includes(u.id) || chosen.includes(u)) list.set(u.id, u);
    return [...list.values()].map((u) => ({ value: u.id, label: label(u), disabled: u.status !== "active" }));
  }, [known, seen, q, results.data, value, exclude, withinUnitId]);

  return (
    <Select<string | string[]>
      id={id}
      {...aria}
      mode={multiple ? "multiple" : undefined}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      value={value ?? undefined}
      onChange={(v) => {
        remember(v);
        setTyped("");
        onChange?.(v ?? null);
      }}
      options={options}
      loading={results.isFetching}
      disabled={disabled}
      allowClear
      placeholder={placeholder ?? t("units.pickBySearch")}
      notFoundContent={q ? t("units.noResults") : t("units.typeToSearch")}
      style={{ width: "100%" }}
    />
  );
}
