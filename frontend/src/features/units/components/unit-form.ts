import dayjs, { type Dayjs } from "dayjs";
import type { FieldResolver } from "../../../lib/form-errors";
import type { CodeSystem, UnitCreate, UnitKind, UnitRead, UnitUpdate } from "../api/types";

/** What the create and edit forms hold; dates as Dayjs for antd's DatePicker. */
export type UnitFormValues = {
  code: string;
  name: string;
  kind: UnitKind;
  code_system?: CodeSystem | null;
  electronic_id?: string | null;
  valid_from?: Dayjs | null;
  remote_area?: boolean;
  latitude?: number | null;
  longitude?: number | null;
};

export const UNIT_FORM_FIELDS = [
  "code",
  "name",
  "kind",
  "code_system",
  "electronic_id",
  "valid_from",
  "remote_area",
  "latitude",
  "longitude",
] as const;
export type UnitFormField = (typeof UNIT_FORM_FIELDS)[number];

/** The API's own patterns (api/units/schemas.py), checked before sending. */
export const CODE_PATTERN = /^[0-9A-Za-z._-]+$/;
export const ELECTRONIC_ID_PATTERN = /^[0-9A-Z.]{1,35}$/;

const text = (v: string | null | undefined): string | null => (v?.trim() ? v.trim() : null);
const day = (v: Dayjs | null | undefined): string | null => (v ? v.format("YYYY-MM-DD") : null);
const num = (v: number | null | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The body of `units-create` for a new child of `parentId` (null: a top-level unit). */
export function unitCreatePayload(v: UnitFormValues, parentId: string | null): UnitCreate {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    kind: v.kind,
    parent_id: parentId,
    code_system: v.code_system ?? null,
    electronic_id: text(v.electronic_id),
    valid_from: day(v.valid_from),
    remote_area: v.remote_area ?? false,
    latitude: num(v.latitude),
    longitude: num(v.longitude),
  };
}

/** The edit form's starting values. */
export function unitFormValues(u: UnitRead): UnitFormValues {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    code_system: u.code_system,
    electronic_id: u.electronic_id,
    valid_from: u.valid_from ? dayjs(u.valid_from) : null,
    remote_area: u.remote_area,
    latitude: u.latitude,
    longitude: u.longitude,
  };
}

/**
 * The body of `units-update`: only what the user changed, since an omitted field stays as it is
 * (and the audit log then records just the real change). Emptied optional fields become null.
 */
export function unitUpdatePayload(original: UnitRead, v: UnitFormValues): UnitUpdate {
  const next: Required<Omit<UnitUpdate, "parent_id" | "external_ref">> = {
    code: v.code.trim(),
    name: v.name.trim(),
    kind: v.kind,
    code_system: v.code_system ?? null,
    electronic_id: text(v.electronic_id),
    valid_from: day(v.valid_from),
    remote_area: v.remote_area ?? false,
    latitude: num(v.latitude),
    longitude: num(v.longitude),
  };
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (value !== original[field as keyof UnitRead]) body[field] = value;
  }
  return body as UnitUpdate;
}

/**
 * Server field errors onto the unit form. The form has no parent field: a parent the chosen kind
 * cannot sit under (`invalid_parent_kind` on `parent_id`) is a wrong kind from the user's seat.
 */
export const unitFieldResolver: FieldResolver<UnitFormField> = ([head]) =>
  head === "parent_id" ? "kind" : UNIT_FORM_FIELDS.find((f) => f === head);
