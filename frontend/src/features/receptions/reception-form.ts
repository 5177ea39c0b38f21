import dayjs, { type Dayjs } from "dayjs";
import type { HostRole, ReceptionCreate, ReceptionKind, ReceptionMode, ReceptionRead, ReceptionUpdate } from "./api/types";

export type ReceptionValues = {
  held_on: Dayjs;
  unit_id: string;
  place: string;
  host_name: string;
  host_role: HostRole;
  kind: ReceptionKind;
  mode?: ReceptionMode;
  citizens_received?: number | null;
  cases_received?: number | null;
  notes?: string | null;
};

export const RECEPTION_FIELDS = [
  "held_on",
  "unit_id",
  "place",
  "host_name",
  "host_role",
  "kind",
  "mode",
  "citizens_received",
  "cases_received",
  "notes",
] as const;

const count = (v: number | null | undefined) => (typeof v === "number" && v > 0 ? Math.floor(v) : 0);
const notes = (v: string | null | undefined) => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};

/** The body of `POST /receptions`. */
export function buildReceptionCreate(v: ReceptionValues): ReceptionCreate {
  return {
    held_on: v.held_on.format("YYYY-MM-DD"),
    unit_id: v.unit_id,
    place: v.place.trim(),
    host_name: v.host_name.trim(),
    host_role: v.host_role,
    kind: v.kind,
    mode: v.mode ?? "in_person",
    citizens_received: count(v.citizens_received),
    cases_received: count(v.cases_received),
    notes: notes(v.notes),
  };
}

/** The form's starting values for a session being edited. */
export function receptionValuesOf(r: ReceptionRead): ReceptionValues {
  return {
    held_on: dayjs(r.held_on),
    unit_id: r.unit_id,
    place: r.place,
    host_name: r.host_name,
    host_role: r.host_role,
    kind: r.kind,
    mode: r.mode,
    citizens_received: r.citizens_received,
    cases_received: r.cases_received,
    notes: r.notes ?? "",
  };
}

/** The body of `PATCH /receptions/{id}`: only the fields that changed. */
export function buildReceptionUpdate(r: ReceptionRead, v: ReceptionValues): ReceptionUpdate {
  const next = buildReceptionCreate(v);
  const body: ReceptionUpdate = {};
  if (next.held_on !== r.held_on) body.held_on = next.held_on;
  if (next.unit_id !== r.unit_id) body.unit_id = next.unit_id;
  if (next.place !== r.place) body.place = next.place;
  if (next.host_name !== r.host_name) body.host_name = next.host_name;
  if (next.host_role !== r.host_role) body.host_role = next.host_role;
  if (next.kind !== r.kind) body.kind = next.kind;
  if (next.mode !== r.mode) body.mode = next.mode;
  if (next.citizens_received !== r.citizens_received) body.citizens_received = next.citizens_received;
  if (next.cases_received !== r.cases_received) body.cases_received = next.cases_received;
  if ((next.notes ?? null) !== r.notes) body.notes = next.notes ?? null;
  return body;
}
