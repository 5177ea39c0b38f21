import type { Dayjs } from "dayjs";
import type { FieldName, FieldResolver } from "../../../lib/form-errors";
import type { CodeSystem, ReorganizationCreate, SuccessorSpec, UnitKind } from "../api/types";

/** The kinds a person records here; `restructure` is written only by the official-data loader. */
export const REORGANIZATION_KINDS = ["merge", "split", "rename", "change_kind"] as const;
export type FormReorganizationKind = (typeof REORGANIZATION_KINDS)[number];

/** A successor as the form holds it: a unit created by the reorganization, or an existing one kept. */
export type SuccessorValues = {
  mode: "new" | "existing";
  unit_id?: string | null;
  code?: string;
  name?: string;
  kind?: UnitKind;
  code_system?: CodeSystem | null;
};

export type ReorganizationFormValues = {
  kind: FormReorganizationKind;
  effective_date: Dayjs;
  legal_basis: string;
  note?: string | null;
  /** Merge: two or more; split, rename and change of kind: exactly one. */
  predecessor_ids: string[];
  /** Merge, rename and change of kind: exactly one; split: two or more. */
  successors: SuccessorValues[];
  /** Split: for each child of the predecessor, the index of its new parent among the successors. */
  child_moves?: Record<string, number | null | undefined>;
};

export type ReorganizationContext = {
  /** Where new successors sit: the parent of the (first) predecessor. */
  newUnitParentId: string | null;
};

const trimmed = (v: string | null | undefined): string | undefined => (v?.trim() ? v.trim() : undefined);

function successorSpec(s: SuccessorValues, ctx: ReorganizationContext): SuccessorSpec {
  if (s.mode === "new") {
    return {
      new: {
        code: (s.code ?? "").trim(),
        name: (s.name ?? "").trim(),
        kind: s.kind as UnitKind,
        code_system: s.code_system ?? null,
        parent_id: ctx.newUnitParentId,
        remote_area: false,
      },
    };
  }
  const spec: SuccessorSpec = { unit_id: s.unit_id ?? null };
  const name = trimmed(s.name);
  if (name) spec.name = name;
  return spec;
}

/** The body of `units-reorganizations-create` for what the form holds. */
export function buildReorganization(v: ReorganizationFormValues, ctx: ReorganizationContext): ReorganizationCreate {
  const base = {
    kind: v.kind,
    effective_date: v.effective_date.format("YYYY-MM-DD"),
    legal_basis: v.legal_basis.trim(),
    note: trimmed(v.note) ?? null,
  };
  const [first] = v.predecessor_ids;
  switch (v.kind) {
    case "merge":
      // Children of the merged units follow the one successor: no child_moves needed.
      return { ...base, predecessor_ids: v.predecessor_ids, successors: v.successors.slice(0, 1).map((s) => successorSpec(s, ctx)), child_moves: [] };
    case "split":
      return {
        ...base,
        predecessor_ids: v.predecessor_ids.slice(0, 1),
        successors: v.successors.map((s) => successorSpec(s, ctx)),
        child_moves: Object.entries(v.child_moves ?? {})
          .filter((e): e is [string, number] => typeof e[1] === "number")
          .map(([unit_id, successor]) => ({ unit_id, successor })),
      };
    case "rename":
      return { ...base, predecessor_ids: [first!], successors: [{ unit_id: first!, name: (v.successors[0]?.name ?? "").trim() }], child_moves: [] };
    case "change_kind":
      return { ...base, predecessor_ids: [first!], successors: [{ unit_id: first!, kind: v.successors[0]?.kind }], child_moves: [] };
  }
}

/** In a split whose predecessor does not continue, the children it leaves without a parent. */
export function unassignedChildren(v: ReorganizationFormValues, childIds: readonly string[]): string[] {
  if (v.kind !== "split") return [];
  const predecessor = v.predecessor_ids[0];
  const continues = v.successors.some((s) => s.mode === "existing" && s.unit_id === predecessor);
  if (continues) return [];
  return childIds.filter((id) => typeof v.child_moves?.[id] !== "number");
}

const NEW_UNIT_FIELDS = ["code", "name", "kind", "code_system"];
const TOP_FIELDS = ["kind", "effective_date", "legal_basis", "note", "predecessor_ids"];
// Errors about the units listed (not about the shape of the request) name an index into that list.
const UNIT_CODES = new Set(["unit_retired", "unit_not_found", "duplicate_unit"]);

/**
 * Where the server's field errors land in the reorganization form, knowing the body that was sent:
 * `successors.1.new.code` is the second successor's code; `child_moves.3.unit_id` is the row of the
 * child named there; `successors.0` with a unit error counts among kept successors only (the server
 * checks those as a list of their own), so it is mapped back to the successor it came from.
 */
export function reorganizationFieldResolver(sent: ReorganizationCreate, values: ReorganizationFormValues): FieldResolver<FieldName> {
  const keptIndexes = sent.successors.flatMap((s, i) => (s.unit_id ? [i] : []));
  return (path, fe) => {
    const [head, second, third, fourth] = path;
    if (head === undefined) return undefined;
    if (TOP_FIELDS.includes(head)) return head;
    if (head === "child_moves") {
      const move = second !== undefined ? sent.child_moves?.[Number(second)] : undefined;
      return move ? ["child_moves", move.unit_id] : undefined;
    }
    if (head !== "successors" || second === undefined) return undefined;
    const index = Number(second);
    if (!Number.isInteger(index)) return undefined;
    // Rename and change of kind show one field for their one kept unit.
    if (values.kind === "rename") return UNIT_CODES.has(fe.code) ? "predecessor_ids" : ["successors", 0, "name"];
    if (values.kind === "change_kind") return UNIT_CODES.has(fe.code) ? "predecessor_ids" : ["successors", 0, "kind"];
    if (third === undefined) {
      const at = UNIT_CODES.has(fe.code) ? keptIndexes[index] : index;
      if (at === undefined) return undefined;
      return values.successors[at]?.mode === "existing" ? ["successors", at, "unit_id"] : undefined;
    }
    if (third === "new" && fourth !== undefined) {
      if (NEW_UNIT_FIELDS.includes(fourth)) return ["successors", index, fourth];
      // The new unit's parent is the predecessor's: a kind it cannot hold is a wrong kind.
      if (fourth === "parent_id") return ["successors", index, "kind"];
      return undefined;
    }
    if (third === "unit_id" || third === "name") return ["successors", index, third];
    return undefined;
  };
}
