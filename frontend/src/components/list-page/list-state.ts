import {
  CURSOR_KEY,
  PAGE_SIZE_KEY,
  SORT_KEY,
  type DateRange,
  type FilterField,
  type FilterValues,
  type Filters,
  type ListSpec,
} from "./list-spec";
import { formatList, parseList } from "../../lib/search-params";
import { allowedSort, validSort } from "./sort";

/*
 * The URL is the one place a list's state lives (filters, sort, page size, cursor), so a view can
 * be bookmarked, shared and walked back with the browser. Reading drops what the API would refuse
 * (a value it does not allow, a sort it does not know, a malformed day); writing drops the cursor
 * whenever anything but the cursor changes: a position means nothing in another list.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list's state as read from the URL. */
export type ListState<F extends Filters> = {
  filters: FilterValues<F>;
  /** Always a sort the API accepts: the URL's, else the list's default. */
  sort: string;
  pageSize: number;
  cursor: string | null;
  /** Whether any filter narrows the list (the sort and page size do not). */
  filtered: boolean;
};

/** A change of state: some filters, the sort, the page size or the cursor (null: back to the default). */
export type ListChange<F extends Filters> = {
  filters?: Partial<FilterValues<F>>;
  sort?: string | null;
  pageSize?: number | null;
  cursor?: string | null;
};

function isDay(value: string | null): value is string {
  return value !== null && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

function allows(field: { values?: readonly string[] }, value: string): boolean {
  return value !== "" && (field.values === undefined || field.values.includes(value));
}

function readFilter(field: FilterField, name: string, params: URLSearchParams): unknown {
  const raw = params.get(name);
  switch (field.kind) {
    case "search": {
      const text = (raw ?? "").trim();
      return field.maxLength !== undefined && text.length > field.maxLength ? "" : text;
    }
    case "select":
      return raw !== null && allows(field, raw) ? raw : (field.default ?? null);
    case "multi":
      // Known values keep the declared order (a stable URL and query key); free ones their own.
      return field.values ? parseList(raw ?? "", field.values) : [...new Set((raw ?? "").split(",").filter(Boolean))];
    case "dateRange": {
      const from = params.get(field.from);
      const to = params.get(field.to);
      return { from: isDay(from) ? from : null, to: isDay(to) ? to : null } satisfies DateRange;
    }
    case "date":
      return isDay(raw) ? raw : null;
    case "unit":
      // Units are named by id, and the API takes only UUIDs.
      return raw !== null && UUID.test(raw) ? raw : null;
    case "boolean":
      return raw === "1";
  }
}

function isSet(field: FilterField, value: unknown): boolean {
  switch (field.kind) {
    case "multi":
      return (value as unknown[]).length > 0;
    case "dateRange":
      return (value as DateRange).from !== null || (value as DateRange).to !== null;
    case "boolean":
      return value === true;
    case "select":
      return value !== null && value !== (field.default ?? null);
    default:
      return value !== null && value !== "";
  }
}

export function defaultPageSize(spec: ListSpec): number {
  return spec.pageSize ?? spec.pageSizes[0] ?? 20;
}

/** Read a list's state from the URL's query. */
export function readListState<F extends Filters>(spec: ListSpec<F>, params: URLSearchParams): ListState<F> {
  const filters = {} as Record<string, unknown>;
  let filtered = false;
  for (const [name, field] of Object.entries(spec.filters)) {
    filters[name] = readFilter(field, name, params);
    filtered ||= isSet(field, filters[name]);
  }
  const size = Number(params.get(PAGE_SIZE_KEY));
  return {
    filters: filters as FilterValues<F>,
    sort: validSort(params.get(SORT_KEY) ?? "", spec.sort.fields, spec.sort.default),
    pageSize: spec.pageSizes.includes(size) ? size : defaultPageSize(spec),
    cursor: params.get(CURSOR_KEY) || null,
    filtered,
  };
}

function put(params: URLSearchParams, key: string, value: string | null | undefined) {
  if (value) params.set(key, value);
  else params.delete(key);
}

function writeFilter(field: FilterField, name: string, value: unknown, params: URLSearchParams) {
  switch (field.kind) {
    case "search":
      put(params, name, typeof value === "string" ? value.trim() : null);
      return;
    case "select":
      put(params, name, typeof value === "string" && allows(field, value) && value !== field.default ? value : null);
      return;
    case "unit":
      put(params, name, typeof value === "string" && UUID.test(value) ? value : null);
      return;
    case "date":
      put(params, name, typeof value === "string" && isDay(value) ? value : null);
      return;
    case "multi": {
      put(params, name, formatList(Array.isArray(value) ? (value as string[]).filter((v) => allows(field, v)) : null));
      return;
    }
    case "dateRange": {
      const range = (value ?? { from: null, to: null }) as DateRange;
      put(params, field.from, isDay(range.from) ? range.from : null);
      put(params, field.to, isDay(range.to) ? range.to : null);
      return;
    }
    case "boolean":
      put(params, name, value === true ? "1" : null);
      return;
  }
}

/**
 * The URL after a change, other parameters kept. Filters, sort and page size equal to the
 * defaults leave the URL; any change but the cursor's own drops the cursor.
 */
export function writeListState<F extends Filters>(
  spec: ListSpec<F>,
  params: URLSearchParams,
  change: ListChange<F>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(change.filters ?? {})) {
    const field = spec.filters[name];
    if (field) writeFilter(field, name, value, next);
  }
  if (change.sort !== undefined) {
    const sort = allowedSort(change.sort, spec.sort.fields);
    put(next, SORT_KEY, sort === spec.sort.default ? null : sort);
  }
  if (change.pageSize !== undefined) {
    const size = change.pageSize !== null && spec.pageSizes.includes(change.pageSize) ? change.pageSize : null;
    put(next, PAGE_SIZE_KEY, size === null || size === defaultPageSize(spec) ? null : String(size));
  }
  if (change.cursor !== undefined) put(next, CURSOR_KEY, change.cursor);
  else next.delete(CURSOR_KEY);
  return next;
}

/** The change that clears every filter (the sort and page size stay). */
export function clearedFilters<F extends Filters>(spec: ListSpec<F>): ListChange<F> {
  return { filters: Object.fromEntries(Object.keys(spec.filters).map((k) => [k, null])) as Partial<FilterValues<F>> };
}
