import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import type { Filters, ListSpec } from "./list-spec";
import { clearedFilters, readListState, writeListState, type ListChange, type ListState } from "./list-state";

export type ListControls<F extends Filters> = ListState<F> & {
  spec: ListSpec<F>;
  /** Apply a change to the URL (a new history entry, so Back undoes it). */
  change: (change: ListChange<F>) => void;
  setFilters: (filters: NonNullable<ListChange<F>["filters"]>) => void;
  setSort: (sort: string | null) => void;
  setPageSize: (size: number | null) => void;
  setCursor: (cursor: string | null) => void;
  clearFilters: () => void;
};

/** A list's state, read from and written to the URL (list-state.ts says how). */
export function useListState<F extends Filters>(spec: ListSpec<F>): ListControls<F> {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(spec, params), [spec, params]);
  const change = useCallback(
    (c: ListChange<F>) => setParams((prev) => writeListState(spec, prev, c)),
    [spec, setParams],
  );
  return {
    ...state,
    spec,
    change,
    setFilters: useCallback((filters) => change({ filters }), [change]),
    setSort: useCallback((sort) => change({ sort }), [change]),
    setPageSize: useCallback((pageSize) => change({ pageSize }), [change]),
    setCursor: useCallback((cursor) => change({ cursor }), [change]),
    clearFilters: useCallback(() => change(clearedFilters(spec)), [change, spec]),
  };
}
