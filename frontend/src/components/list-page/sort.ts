/** The `sort` query parameter of a list (`name`, `-created_at`) as antd's Table reads and writes it. */
export type SortOrder = "ascend" | "descend" | null;

/** The column order antd shows for `field`, given the list's current `sort` (or its default). */
export function sortOrderOf(sort: string, field: string): SortOrder {
  if (sort === field) return "ascend";
  if (sort === `-${field}`) return "descend";
  return null;
}

/**
 * The `sort` value for a click on a sortable column; null (the API's default order) when the
 * column's sort is cleared. Only fields the API allows are accepted, so a hand-edited URL
 * cannot produce an `invalid_sort`.
 */
export function sortParam(field: unknown, order: SortOrder | undefined, allowed: readonly string[]): string | null {
  if (typeof field !== "string" || !allowed.includes(field) || !order) return null;
  return order === "descend" ? `-${field}` : field;
}

/** The sort if the API allows its field (`-` for descending), else null. */
export function allowedSort(sort: string | null | undefined, allowed: readonly string[]): string | null {
  if (!sort) return null;
  return allowed.includes(sort.startsWith("-") ? sort.slice(1) : sort) ? sort : null;
}

/** The URL's `sort` if the API allows it, else the default. */
export function validSort(sort: string, allowed: readonly string[], fallback: string): string {
  return allowedSort(sort, allowed) ?? fallback;
}
