import type { ComponentType } from "react";

/*
 * A list screen declared once: its filters (what each is, its URL key, the values the API allows,
 * the words that label it), its sorts and its page sizes. The same declaration parses the URL
 * (list-state.ts) and draws the filter bar (FilterBar.tsx); labels are i18n keys, translated when
 * drawn, so a declaration lives at module level.
 */

type Labelled = {
  /** i18n key of the field's label (also its placeholder and accessible name). */
  label: string;
  /** Width of the control in the filter bar, in px. */
  width?: number;
};

/** Free text, sent as typed (trimmed); longer than the API's maximum is dropped from the URL. */
export type SearchFilter = Labelled & { kind: "search"; maxLength?: number };
/** One value out of `values` (any non-empty value when `values` is omitted: options come from the API). */
export type SelectFilter<V extends string = string> = Labelled & {
  kind: "select";
  values?: readonly V[];
  /** i18n key of a value's label. */
  optionLabel?: (value: V) => string;
  /**
   * The value when the URL names none (the API's own default): shown selected, never cleared, left
   * out of the URL, and not counted as narrowing the list.
   */
  default?: V;
};
/** Several values, in the URL as `a,b` (kept in the order of `values`). */
export type MultiFilter<V extends string = string> = Labelled & {
  kind: "multi";
  values?: readonly V[];
  optionLabel?: (value: V) => string;
};
/** Two calendar days (YYYY-MM-DD) under their own URL keys; either may be open. */
export type DateRangeFilter = Labelled & {
  kind: "dateRange";
  from: string;
  to: string;
  /** i18n keys of the two inputs' placeholders. */
  placeholders?: readonly [string, string];
};
/** One calendar day (YYYY-MM-DD), such as "in term on this day". */
export type DateFilter = Labelled & { kind: "date" };
/** A unit id, picked with the unit picker the screen was given (features do not import units). */
export type UnitFilter = Labelled & { kind: "unit" };
/** On or off; on is `1` in the URL. */
export type BooleanFilter = Labelled & { kind: "boolean" };

export type FilterField = SearchFilter | SelectFilter | MultiFilter | DateRangeFilter | DateFilter | UnitFilter | BooleanFilter;

/** The URL key of a filter, or its two keys for a date range. */
export function urlKeys(name: string, field: FilterField): string[] {
  return field.kind === "dateRange" ? [field.from, field.to] : [name];
}

export type DateRange = { from: string | null; to: string | null };

/** What a filter's value is once read from the URL. */
export type FilterValue<F> = F extends SearchFilter
  ? string
  : F extends SelectFilter<infer V>
    ? V | null
    : F extends MultiFilter<infer V>
      ? V[]
      : F extends DateRangeFilter
        ? DateRange
        : F extends UnitFilter | DateFilter
          ? string | null
          : F extends BooleanFilter
            ? boolean
            : never;

export type Filters = Record<string, FilterField>;
export type FilterValues<F extends Filters> = { [K in keyof F]: FilterValue<F[K]> };

export type SortSpec<S extends string = string> = {
  /** The fields the API sorts this list by (`-field` descending). */
  fields: readonly S[];
  /** The API's default order, e.g. `-created_at`. */
  default: string;
  /** i18n key naming each field in the sort control. */
  labels: Record<S, string>;
  /**
   * i18n key naming the default order in the sort control, when it is not one field's order (the
   * API's `closed,due_on`): offered first, so the reader can come back to it.
   */
  defaultLabel?: string;
};

export type ListSpec<F extends Filters = Filters, S extends string = string> = {
  filters: F;
  sort: SortSpec<S>;
  /** Page sizes offered; the first is the default unless `pageSize` says otherwise. */
  pageSizes: readonly number[];
  pageSize?: number;
  /** i18n keys: the list when nothing exists, and when nothing matches the filters. */
  empty: string;
  noMatch?: string;
};

/** Declare a list (an identity that keeps the filters' literal types for FilterValues). */
export function defineList<const F extends Filters, const S extends string>(spec: ListSpec<F, S>): ListSpec<F, S> {
  return spec;
}

/** The URL keys of the list's own state, besides its filters. */
export const SORT_KEY = "sort";
export const CURSOR_KEY = "cursor";
export const PAGE_SIZE_KEY = "limit";

/** A unit picker as src/app passes it in (Form.Item compatible). */
export type UnitPickerSlot = ComponentType<{
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
}>;
