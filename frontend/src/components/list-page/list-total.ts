import type { FilterValues, Filters, ListSpec } from "./list-spec";
import { writeListState } from "./list-state";

/*
 * A list's total costs the API a count of every matching row, which at a million petitions is the
 * most expensive part of a page. So the total is asked for with the first page of a filter set only
 * (or when the reader asks for it on a later page), and the known total is shown while paging.
 * Totals are remembered per list and filter set for the session, so Back from a case to page 3
 * still shows it; the sort and page size do not change a total and are not part of its key.
 */

const MAX_REMEMBERED = 20;
const known = new WeakMap<ListSpec, Map<string, number>>();

/** The filter set's identity: the filters as the URL writes them (defaults left out, stable order). */
export function filterKey<F extends Filters>(spec: ListSpec<F>, filters: FilterValues<F>): string {
  return writeListState(spec, new URLSearchParams(), { filters }).toString();
}

/** The total last seen for this filter set, if any. */
export function knownTotal(spec: ListSpec, key: string): number | null {
  return known.get(spec)?.get(key) ?? null;
}

export function rememberTotal(spec: ListSpec, key: string, total: number): void {
  let totals = known.get(spec);
  if (!totals) known.set(spec, (totals = new Map()));
  totals.delete(key);
  totals.set(key, total);
  // The oldest filter sets go first.
  while (totals.size > MAX_REMEMBERED) totals.delete(totals.keys().next().value!);
}

/**
 * Whether a page request asks for the total: the first page of a filter set always (a fresh count
 * each time the list starts over), a later page only when the reader asked to count on that page.
 */
export function asksTotal(cursor: string | null, askedOn: string | null, here: string): boolean {
  return cursor === null || askedOn === here;
}
