import type { Dayjs } from "dayjs";
import type { FieldResolver } from "../../lib/form-errors";
import {
  COLLECTING,
  TERMINAL,
  type TeamAction,
  type TeamEventRead,
  type TeamRead,
  type TeamStatus,
  type TeamTransitionRequest,
  type TeamWorkflowRead,
} from "./api/types";

/** The data fields of a team's act the form knows how to ask for (besides effective_on and note), in form order. */
export const TEAM_ACTION_FIELDS = ["decision_number", "decision_signer", "conclusion_number", "conclusion_summary", "reason"] as const;
export type TeamActionField = (typeof TEAM_ACTION_FIELDS)[number];

/** Fields of a long text (a textarea rather than a line). */
export const LONG_FIELDS: ReadonlySet<string> = new Set(["conclusion_summary", "reason"]);

/** The API's maximum length of each field (openapi.yaml, TeamTransitionRequest). */
export const MAX_LENGTH: Record<string, number> = {
  decision_number: 64,
  decision_signer: 200,
  conclusion_number: 64,
  conclusion_summary: 20000,
  reason: 2000,
};

/**
 * Data an act may carry without the workflow requiring it: the establishing decision's number and
 * signer (the number becomes required when the team has none on record: the API's `establish`
 * takes the one on the team when omitted).
 */
export const OPTIONAL_FIELDS: Partial<Record<TeamAction, readonly TeamActionField[]>> = {
  establish: ["decision_number", "decision_signer"],
};

/** Acts that end a team without a conclusion: their button is shown as dangerous. */
export const DANGEROUS_ACTIONS: ReadonlySet<TeamAction> = new Set(["cancel"]);

export type TeamActionFieldSpec = { name: string; required: boolean };

/** What the workflow says `action` requires from `status` (GET /inspections/teams/workflow). */
export function requiredFields(workflow: TeamWorkflowRead | undefined, status: TeamStatus, action: TeamAction): string[] {
  return workflow?.states[status]?.find((m) => m.action === action)?.requires ?? [];
}

/**
 * The fields of an act's form, in a stable order: those the workflow requires, then those the act
 * may carry. A required field the form has no widget for (added to the API later) is still listed,
 * to be asked as plain text.
 */
export function teamActionFields(
  workflow: TeamWorkflowRead | undefined,
  team: Pick<TeamRead, "status" | "decision_number">,
  action: TeamAction,
): TeamActionFieldSpec[] {
  const required = new Set(requiredFields(workflow, team.status, action));
  if (action === "establish" && !team.decision_number) required.add("decision_number");
  const optional = (OPTIONAL_FIELDS[action] ?? []).filter((f) => !required.has(f));
  const order = (f: string) => {
    const i = (TEAM_ACTION_FIELDS as readonly string[]).indexOf(f);
    return i < 0 ? TEAM_ACTION_FIELDS.length : i;
  };
  return [...required, ...optional]
    .sort((a, b) => order(a) - order(b))
    .map((name) => ({ name, required: required.has(name) }));
}

export type TeamActionFormValues = {
  effective_on?: Dayjs | null;
  note?: string | null;
  [field: string]: unknown;
};

/** What the form starts with: the decision already on the team, for an `establish`. */
export function initialActionValues(team: Pick<TeamRead, "decision_number" | "decision_signer">, action: TeamAction) {
  if (action !== "establish") return {};
  return { decision_number: team.decision_number ?? undefined, decision_signer: team.decision_signer ?? undefined };
}

function text(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.trim();
  return s === "" ? null : s;
}

/** The body of `POST /inspections/teams/{id}/transitions`: the act, its date, its note and the fields its form shows. */
export function buildTeamTransition(
  action: TeamAction,
  fields: readonly TeamActionFieldSpec[],
  values: TeamActionFormValues,
): TeamTransitionRequest {
  const body: Record<string, unknown> = { action };
  if (values.effective_on) body.effective_on = values.effective_on.format("YYYY-MM-DD");
  const note = text(values.note);
  if (note) body.note = note;
  for (const { name } of fields) {
    const s = text(values[name]);
    if (s !== null) body[name] = s;
  }
  return body as TeamTransitionRequest;
}

/** Server field errors onto the act's form: its data fields, the date and the note; the rest is general. */
export function teamTransitionFieldResolver(fields: readonly TeamActionFieldSpec[]): FieldResolver<string> {
  const shown = new Set(["effective_on", "note", ...fields.map((f) => f.name)]);
  return (path) => (path[0] !== undefined && shown.has(path[0]) ? path[0] : undefined);
}

/** The day of the team's last act (YYYY-MM-DD): the API refuses a new act dated before it. */
export function lastActOn(events: readonly TeamEventRead[] | undefined): string | null {
  let last: string | null = null;
  for (const e of events ?? []) if (last === null || e.effective_on > last) last = e.effective_on;
  return last;
}

/**
 * Whether the reader may change the team's record (its visits, its findings): the API gives
 * `allowed_actions` only to a principal who covers the organising unit and holds
 * `inspections:write`, and every open state allows at least one act.
 */
export function mayChange(team: Pick<TeamRead, "status" | "allowed_actions">): boolean {
  return !TERMINAL.has(team.status) && team.allowed_actions.length > 0;
}

/** Whether findings may be recorded or corrected now: by the organiser, while the team is collecting. */
export function mayRecordFindings(team: Pick<TeamRead, "status" | "allowed_actions">): boolean {
  return COLLECTING.has(team.status) && mayChange(team);
}
