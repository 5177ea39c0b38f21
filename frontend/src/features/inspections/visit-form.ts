import dayjs, { type Dayjs } from "dayjs";
import type { FieldResolver } from "../../lib/form-errors";
import type { TargetRating, TargetRead, TargetStatus, TargetUpdate } from "./api/types";

/** The fields of a visit's record, as the API names them. */
export const VISIT_FIELDS = [
  "status",
  "visited_from",
  "visited_to",
  "self_assessment_received",
  "self_assessment_received_on",
  "rating",
  "notes",
  "conclusion",
] as const;
export type VisitField = (typeof VISIT_FIELDS)[number];

export type VisitFormValues = {
  status?: TargetStatus;
  visited_from?: Dayjs | null;
  visited_to?: Dayjs | null;
  self_assessment_received?: boolean;
  self_assessment_received_on?: Dayjs | null;
  rating?: TargetRating | null;
  notes?: string | null;
  conclusion?: string | null;
};

const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format("YYYY-MM-DD") : null);
const text = (v: string | null | undefined) => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};

/** The form's starting values: the visit as recorded. */
export function visitInitialValues(target: TargetRead): VisitFormValues {
  return {
    status: target.status,
    visited_from: day(target.visited_from),
    visited_to: day(target.visited_to),
    self_assessment_received: target.self_assessment_received,
    self_assessment_received_on: day(target.self_assessment_received_on),
    rating: target.rating,
    notes: target.notes,
    conclusion: target.conclusion,
  };
}

/**
 * The body of `PATCH .../targets/{id}`: only what changed (null when nothing did); a field emptied
 * is sent as null, which clears it. A self-assessment not received carries no date (the API
 * refuses one: `invalid_self_assessment`).
 */
export function buildVisitUpdate(target: TargetRead, values: VisitFormValues): TargetUpdate | null {
  const received = values.self_assessment_received ?? false;
  const next: Record<VisitField, unknown> = {
    status: values.status ?? target.status,
    visited_from: iso(values.visited_from),
    visited_to: iso(values.visited_to),
    self_assessment_received: received,
    self_assessment_received_on: received ? iso(values.self_assessment_received_on) : null,
    rating: values.rating ?? null,
    notes: text(values.notes),
    conclusion: text(values.conclusion),
  };
  const body: Record<string, unknown> = {};
  for (const field of VISIT_FIELDS) if (next[field] !== (target[field] ?? null)) body[field] = next[field];
  return Object.keys(body).length > 0 ? (body as TargetUpdate) : null;
}

/** Server field errors onto the visit form; the rest is the general message. */
export const visitFieldResolver: FieldResolver<VisitField> = (path) =>
  (VISIT_FIELDS as readonly string[]).includes(path[0] ?? "") ? (path[0] as VisitField) : undefined;
