/** The audit `changes` object, as `{before, after}` when it has that shape. */
export type FieldChange = { field: string; before: unknown; after: unknown };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One row per field that differs (or is only on one side); other shapes become a single "" row. */
export function diffChanges(changes: Record<string, unknown>): FieldChange[] {
  const before = changes.before;
  const after = changes.after;
  if (!isRecord(before) && !isRecord(after)) {
    return Object.keys(changes).length ? [{ field: "", before: undefined, after: changes }] : [];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

export function showValue(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}
