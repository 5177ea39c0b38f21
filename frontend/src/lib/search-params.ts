import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * List state (filters, cursor) kept in the URL so a view survives reloads and can be shared.
 * Changing a filter drops the cursor: the old position means nothing in a different list.
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ""])) as Record<K, string>;
  const cursor = params.get("cursor");
  const setFilters = useCallback(
    (patch: Partial<Record<K, string | null | undefined>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch) as [string, string | null | undefined][]) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        next.delete("cursor");
        return next;
      }),
    [setParams],
  );
  const setCursor = useCallback(
    (value: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set("cursor", value);
        else next.delete("cursor");
        return next;
      }),
    [setParams],
  );
  return { values, cursor, setFilters, setCursor };
}

/** A multi-valued filter kept in the URL as `a,b`: the values the API allows, in the given order. */
export function parseList<T extends string>(value: string, allowed: readonly T[]): T[] {
  const given = new Set(value.split(","));
  return allowed.filter((v) => given.has(v));
}

/** A multi-valued filter for the URL (`a,b`), or null to drop it. */
export function formatList(values: readonly string[] | null | undefined): string | null {
  return values && values.length > 0 ? values.join(",") : null;
}
