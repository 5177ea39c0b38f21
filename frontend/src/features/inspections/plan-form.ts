import dayjs, { type Dayjs } from "dayjs";
import type { FieldResolver } from "../../lib/form-errors";
import type { PlanCreate, PlanIssuer, PlanKind, PlanRead, PlanUpdate } from "./api/types";

/** The fields of the plan form, as the API names them. */
export const PLAN_FIELDS = ["year", "title", "kind", "issuer", "document_number", "issued_on", "organising_unit_id", "topics"] as const;
export type PlanField = (typeof PLAN_FIELDS)[number];

export type PlanFormValues = {
  year?: number | null;
  title?: string | null;
  kind?: PlanKind | null;
  issuer?: PlanIssuer | null;
  document_number?: string | null;
  issued_on?: Dayjs | null;
  organising_unit_id?: string | null;
  topics?: string[];
};

const text = (v: string | null | undefined): string => (v ?? "").trim();
const day = (v: Dayjs | null | undefined): string => (v ? v.format("YYYY-MM-DD") : "");

/**
 * The form's starting values: the plan being corrected, or a new annual plan of `today`'s year
 * issued today by the reader's own unit (a provincial steering committee issues most of them).
 */
export function planInitialValues(plan: PlanRead | null, ownUnitId: string | null, today: Dayjs = dayjs()): PlanFormValues {
  if (plan) {
    return {
      year: plan.year,
      title: plan.title,
      kind: plan.kind,
      issuer: plan.issuer,
      document_number: plan.document_number,
      issued_on: dayjs(plan.issued_on),
      organising_unit_id: plan.organising_unit_id,
      topics: [...plan.topics],
    };
  }
  return { year: today.year(), kind: "annual", issued_on: today, organising_unit_id: ownUnitId, topics: [] };
}

/** The body of `POST /inspections/plans` (the form's rules made every required field present). */
export function buildPlanCreate(v: PlanFormValues): PlanCreate {
  return {
    year: v.year ?? 0,
    title: text(v.title),
    kind: v.kind ?? "annual",
    issuer: v.issuer ?? "provincial_steering_committee",
    document_number: text(v.document_number),
    issued_on: day(v.issued_on),
    organising_unit_id: v.organising_unit_id ?? "",
    topics: [...new Set(v.topics ?? [])],
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** The body of `PATCH /inspections/plans/{id}`: only what changed (null when nothing did). */
export function buildPlanUpdate(plan: PlanRead, v: PlanFormValues): PlanUpdate | null {
  const next = buildPlanCreate(v);
  const body: PlanUpdate = {};
  if (next.year !== plan.year) body.year = next.year;
  if (next.title !== plan.title) body.title = next.title;
  if (next.kind !== plan.kind) body.kind = next.kind;
  if (next.issuer !== plan.issuer) body.issuer = next.issuer;
  if (next.document_number !== plan.document_number) body.document_number = next.document_number;
  if (next.issued_on !== plan.issued_on) body.issued_on = next.issued_on;
  if (next.organising_unit_id !== plan.organising_unit_id) body.organising_unit_id = next.organising_unit_id;
  const topics = next.topics ?? [];
  if (!sameSet(topics, plan.topics)) body.topics = topics;
  return Object.keys(body).length > 0 ? body : null;
}

/** Server field errors onto the plan form; `topics.N` lands on the topics field, the rest is general. */
export const planFieldResolver: FieldResolver<PlanField> = (path) =>
  (PLAN_FIELDS as readonly string[]).includes(path[0] ?? "") ? (path[0] as PlanField) : undefined;
