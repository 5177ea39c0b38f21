import dayjs, { type Dayjs } from "dayjs";
import type { FieldResolver } from "../../lib/form-errors";
import type { CapitalSource, ProjectCreate, ProjectRead, ProjectUpdate } from "./api/types";

/** The project form's values as antd holds them: the main location, then the further ones in order. */
export type ProjectValues = {
  name: string;
  investor: string;
  capital_source: CapitalSource;
  total_investment?: number | null;
  unit_id: string;
  further?: (string | null | undefined)[];
  starts_on: Dayjs;
  planned_end_on?: Dayjs | null;
  actual_end_on?: Dayjs | null;
  notes?: string | null;
};

/** A field of the form: a top-level name, or a further location's picker (`["further", n]`). */
export type ProjectField = keyof ProjectValues | ["further", number];

const FIELDS = ["name", "investor", "capital_source", "total_investment", "unit_id", "starts_on", "planned_end_on", "actual_end_on", "notes"] as const;

const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

/** The locations as the API takes them (`location_unit_ids`): the main one first, empty pickers left out. */
export function locationIds(v: Pick<ProjectValues, "unit_id" | "further">): string[] {
  return [v.unit_id, ...(v.further ?? []).filter((id): id is string => !!id)];
}

/**
 * Where a server error lands: `location_unit_ids.0` on the main location, `location_unit_ids.N` on
 * the Nth further picker (the form sends no empty picker, so the indexes match), the list as a whole
 * (`duplicate_location`, `board_outside_project`) on the main location, which the hint explains.
 */
export const projectField: FieldResolver<ProjectField> = (path) => {
  if (path[0] === "location_unit_ids") {
    const n = path[1] === undefined ? 0 : Number(path[1]);
    if (!Number.isInteger(n) || n < 0) return "unit_id";
    return n === 0 ? "unit_id" : ["further", n - 1];
  }
  return FIELDS.find((f) => f === path[0]);
};

/** The further location at `index` names a unit already named before it (the main or an earlier one). */
export function repeatsLocation(v: Pick<ProjectValues, "unit_id" | "further">, index: number): boolean {
  const id = v.further?.[index];
  if (!id) return false;
  return id === v.unit_id || (v.further ?? []).slice(0, index).includes(id);
}

/** The body of `committees-projects-create`. */
export function buildProjectCreate(v: ProjectValues): ProjectCreate {
  return {
    name: v.name.trim(),
    investor: v.investor.trim(),
    capital_source: v.capital_source,
    total_investment: v.total_investment ?? null,
    location_unit_ids: locationIds(v),
    starts_on: day(v.starts_on) ?? "",
    planned_end_on: day(v.planned_end_on),
    actual_end_on: day(v.actual_end_on),
    notes: v.notes?.trim() || null,
  };
}

/** The form's starting values for a project being edited: its main location and the others in order. */
export function projectValuesOf(p: ProjectRead): ProjectValues {
  const [, ...others] = p.locations;
  return {
    name: p.name,
    investor: p.investor,
    capital_source: p.capital_source,
    total_investment: p.total_investment ?? undefined,
    unit_id: p.unit_id,
    further: others.map((u) => u.id),
    starts_on: dayjs(p.starts_on),
    planned_end_on: p.planned_end_on ? dayjs(p.planned_end_on) : undefined,
    actual_end_on: p.actual_end_on ? dayjs(p.actual_end_on) : undefined,
    notes: p.notes ?? undefined,
  };
}

const SCALARS = ["name", "investor", "capital_source", "total_investment", "starts_on", "planned_end_on", "actual_end_on", "notes"] as const;

/**
 * The body of `committees-projects-update`: only what changed. The locations are sent whole when
 * they changed, their order included (the first is the main location), as the API replaces them.
 */
export function buildProjectUpdate(p: ProjectRead, v: ProjectValues): ProjectUpdate {
  const next = buildProjectCreate(v);
  const body: Record<string, unknown> = {};
  for (const key of SCALARS) {
    if ((next[key] ?? null) !== p[key]) body[key] = next[key] ?? null;
  }
  const before = p.locations.map((u) => u.id);
  const after = next.location_unit_ids;
  if (before.length !== after.length || before.some((id, n) => id !== after[n])) body.location_unit_ids = after;
  return body as ProjectUpdate;
}
