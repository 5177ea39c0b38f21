import { Fragment, type ReactNode } from "react";
import { Button, Card, DatePicker, Input, Select, Space, Switch } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { ExportButton, type ExportFile } from "./ExportButton";
import type { DateRange, FilterField, Filters, UnitPickerSlot } from "./list-spec";
import type { ListControls } from "./use-list-state";

export type FilterOptions = { options: { value: string; label: string }[]; loading?: boolean };

type Props<F extends Filters> = {
  list: ListControls<F>;
  /** The unit picker src/app passed in, for `unit` filters. */
  UnitPicker?: UnitPickerSlot;
  /** Options known only at run time (from the API, already in the reader's language), by filter. */
  options?: Partial<Record<keyof F & string, FilterOptions>>;
  /** Buttons at the end of the bar (create…). */
  actions?: ReactNode;
  /** The list as an XLSX file, with the current filters ("Xuất Excel"). */
  exportFile?: ExportFile;
};

/** The filter bar of a list, drawn from its declaration; every change goes to the URL. */
export function FilterBar<F extends Filters>({ list, UnitPicker, options, actions, exportFile }: Props<F>) {
  const { t } = useTranslation();
  const values = list.filters as Record<string, unknown>;
  const set = (name: string, value: unknown) => list.setFilters({ [name]: value } as Parameters<typeof list.setFilters>[0]);

  const control = (name: string, field: FilterField) => {
    const label = t(field.label);
    switch (field.kind) {
      case "search": {
        const value = values[name] as string;
        return (
          <Input.Search
            allowClear
            // A new value in the URL (Back, a link) replaces what was typed.
            key={`${name}:${value}`}
            defaultValue={value}
            aria-label={label}
            placeholder={label}
            maxLength={field.maxLength}
            onSearch={(v) => set(name, v.trim())}
            style={{ width: field.width ?? 280 }}
          />
        );
      }
      case "select":
      case "multi": {
        const given = options?.[name as keyof F & string];
        const opts =
          given?.options ?? (field.values ?? []).map((v) => ({ value: v, label: t(field.optionLabel ? field.optionLabel(v) : v) }));
        const multiple = field.kind === "multi";
        return (
          <Select<string | string[]>
            mode={multiple ? "multiple" : undefined}
            allowClear={field.kind === "multi" || field.default === undefined}
            aria-label={label}
            placeholder={label}
            value={multiple ? (values[name] as string[]) : ((values[name] as string | null) ?? undefined)}
            loading={given?.loading}
            onChange={(v) => set(name, v ?? null)}
            options={opts}
            style={{ width: field.width ?? 200 }}
            maxTagCount={multiple ? "responsive" : undefined}
          />
        );
      }
      case "dateRange": {
        const range = values[name] as DateRange;
        return (
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            allowEmpty={[true, true]}
            aria-label={label}
            placeholder={field.placeholders ? [t(field.placeholders[0]), t(field.placeholders[1])] : undefined}
            value={[range.from ? dayjs(range.from) : null, range.to ? dayjs(range.to) : null]}
            onChange={(r) =>
              set(name, { from: r?.[0]?.format("YYYY-MM-DD") ?? null, to: r?.[1]?.format("YYYY-MM-DD") ?? null })
            }
          />
        );
      }
      case "date": {
        const day = values[name] as string | null;
        return (
          <DatePicker
            format="DD/MM/YYYY"
            aria-label={label}
            placeholder={label}
            value={day ? dayjs(day) : null}
            onChange={(d) => set(name, d ? d.format("YYYY-MM-DD") : null)}
            style={{ width: field.width ?? 200 }}
          />
        );
      }
      case "unit":
        return UnitPicker ? (
          <div style={{ width: field.width ?? 260 }}>
            <UnitPicker value={values[name] as string | null} onChange={(v) => set(name, v)} placeholder={label} />
          </div>
        ) : null;
      case "boolean":
        // The label names the switch, and a click on the words flips it.
        return (
          <label style={{ display: "inline-flex", alignItems: "center", gap: 8, cursor: "pointer" }}>
            <Switch checked={values[name] as boolean} onChange={(on) => set(name, on)} />
            {label}
          </label>
        );
    }
  };

  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Space wrap>
        {Object.entries(list.spec.filters).map(([name, field]) => (
          <Fragment key={name}>{control(name, field)}</Fragment>
        ))}
        {list.filtered && <Button onClick={list.clearFilters}>{t("list.clearFilters")}</Button>}
        {exportFile && <ExportButton file={exportFile} />}
        {actions}
      </Space>
    </Card>
  );
}
