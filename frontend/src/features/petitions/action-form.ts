import type { Dayjs } from "dayjs";
import type { FieldResolver } from "../../lib/form-errors";
import { OUTCOMES, type Action, type Outcome, type PetitionKind, type Status, type TransitionRequest, type WorkflowRead } from "./api/types";

/** The data fields of a transition the form knows how to ask for (besides effective_on and note). */
export const ACTION_DATA_FIELDS = [
  "target_unit_id",
  "outcome",
  "decision_number",
  "extension_days",
  "reason",
  "withdrawn_content",
  "answer",
] as const;
export type ActionDataField = (typeof ACTION_DATA_FIELDS)[number];

/**
 * Data an act may carry without the workflow requiring it: the number of a written notice, the
 * length of an extension (the rule's maximum when omitted), the body a second complaint goes to
 * (the handler's parent when omitted), why a case is withdrawn.
 */
export const OPTIONAL_FIELDS: Partial<Record<Action, readonly ActionDataField[]>> = {
  accept: ["decision_number"],
  not_accept: ["decision_number"],
  appeal: ["target_unit_id"],
  extend: ["extension_days"],
  notify_parties: ["decision_number"],
  resolve: ["decision_number"],
  suspend: ["decision_number"],
  withdraw: ["reason"],
};

/** Acts that end or turn away a case: their button is shown as dangerous. */
export const DANGEROUS_ACTIONS: ReadonlySet<Action> = new Set(["not_accept", "withdraw", "withdraw_partly", "suspend"]);

export type ActionFieldSpec = { name: string; required: boolean };

/** What the workflow says `action` requires from `status` for a case of `kind` (GET /petitions/workflows). */
export function requiredFields(workflows: readonly WorkflowRead[] | undefined, kind: PetitionKind, status: Status, action: Action): string[] {
  const moves = workflows?.find((w) => w.kind === kind)?.states[status] ?? [];
  return moves.find((m) => m.action === action)?.requires ?? [];
}

/**
 * The fields of an action's form, in a stable order: those the workflow requires, then the optional
 * ones the act may carry. A required field the form has no widget for (added to the API later) is
 * still listed, to be asked as plain text.
 */
export function actionFields(
  workflows: readonly WorkflowRead[] | undefined,
  kind: PetitionKind,
  status: Status,
  action: Action,
): ActionFieldSpec[] {
  const required = requiredFields(workflows, kind, status, action);
  const optional = (OPTIONAL_FIELDS[action] ?? []).filter((f) => !required.includes(f));
  // Outcomes only exist for complaints and denunciations.
  const names = [...required, ...optional].filter((f) => f !== "outcome" || OUTCOMES[kind].length > 0);
  const order = (f: string) => {
    const i = (ACTION_DATA_FIELDS as readonly string[]).indexOf(f);
    return i < 0 ? ACTION_DATA_FIELDS.length : i;
  };
  return names.sort((a, b) => order(a) - order(b)).map((name) => ({ name, required: required.includes(name) }));
}

export type ActionFormValues = {
  effective_on?: Dayjs | null;
  note?: string | null;
  target_unit_id?: string | null;
  outcome?: Outcome | null;
  decision_number?: string | null;
  extension_days?: number | null;
  reason?: string | null;
  withdrawn_content?: string | null;
  answer?: string | null;
  [other: string]: unknown;
};

function text(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.trim();
  return s === "" ? null : s;
}

/** The request body of `POST /petitions/{id}/transitions`: only the fields this action's form shows. */
export function buildTransition(action: Action, fields: readonly ActionFieldSpec[], values: ActionFormValues): TransitionRequest {
  const body: Record<string, unknown> = { action };
  if (values.effective_on) body.effective_on = values.effective_on.format("YYYY-MM-DD");
  const note = text(values.note);
  if (note) body.note = note;
  for (const { name } of fields) {
    const v = values[name];
    if (name === "extension_days") {
      if (typeof v === "number" && Number.isFinite(v)) body.extension_days = v;
    } else if (name === "target_unit_id" || name === "outcome") {
      if (typeof v === "string" && v) body[name] = v;
    } else {
      const s = text(v);
      if (s !== null) body[name] = s;
    }
  }
  return body as TransitionRequest;
}

/** Server field errors onto the action form: its data fields, the date and the note; the rest is general. */
export function transitionFieldResolver(fields: readonly ActionFieldSpec[]): FieldResolver<string> {
  const shown = new Set(["effective_on", "note", ...fields.map((f) => f.name)]);
  return (path) => (path[0] !== undefined && shown.has(path[0]) ? path[0] : undefined);
}
