import { useCallback, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import type { Filters, ListSpec } from "./list-spec";
import { clearedFilters, readListState, writeListState, type ListChange, type ListState } from "./list-state";
import { asksTotal, filterKey, knownTotal, rememberTotal } from "./list-total";

export type ListControls<F extends Filters> = ListState<F> & {
  spec: ListSpec<F>;
  /** Apply a change to the URL (a new history entry, so Back undoes it). */
  change: (change: ListChange<F>) => void;
  setFilters: (filters: NonNullable<ListChange<F>["filters"]>) => void;
  setSort: (sort: string | null) => void;
  setPageSize: (size: number | null) => void;
  setCursor: (cursor: string | null) => void;
  clearFilters: () => void;
  /** Pass to the list request as `include_total`: the first page of a filter set, or when asked (list-total.ts). */
  includeTotal: boolean;
  /** The total last seen for these filters (from an earlier page), if any. */
  knownTotal: number | null;
  /** Keep a total the API gave for these filters. */
  rememberTotal: (total: number) => void;
  /** Count the matching rows with this page's request (the reader asked). */
  askTotal: () => void;
};

/** A list's state, read from and written to the URL (list-state.ts says how). */
export function useListState<F extends Filters>(spec: ListSpec<F>): ListControls<F> {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(spec, params), [spec, params]);
  const change = useCallback(
    (c: ListChange<F>) => setParams((prev) => writeListState(spec, prev, c)),
    [spec, setParams],
  );
  const key = useMemo(() => filterKey(spec, state.filters), [spec, state.filters]);
  // The page (filters and cursor) on which the reader asked for a count.
  const here = `${key}#${state.cursor ?? ""}`;
  const [askedOn, setAskedOn] = useState<string | null>(null);
  return {
    ...state,
    spec,
    change,
    setFilters: useCallback((filters) => change({ filters }), [change]),
    setSort: useCallback((sort) => change({ sort }), [change]),
    setPageSize: useCallback((pageSize) => change({ pageSize }), [change]),
    setCursor: useCallback((cursor) => change({ cursor }), [change]),
    clearFilters: useCallback(() => change(clearedFilters(spec)), [change, spec]),
    includeTotal: asksTotal(state.cursor, askedOn, here),
    knownTotal: knownTotal(spec, key),
    rememberTotal: useCallback((total: number) => rememberTotal(spec, key, total), [spec, key]),
    askTotal: useCallback(() => setAskedOn(here), [here]),
  };
}
