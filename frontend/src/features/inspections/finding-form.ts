import type { FieldResolver } from "../../lib/form-errors";
import type { FindingCreate, FindingRead, FindingSeverity, FindingUpdate, TargetRead } from "./api/types";

/** The fields of the finding form, as the API names them. */
export const FINDING_FIELDS = ["target_id", "topic", "severity", "description"] as const;
export type FindingField = (typeof FINDING_FIELDS)[number];

export type FindingFormValues = {
  target_id?: string | null;
  topic?: string | null;
  severity?: FindingSeverity | null;
  description?: string | null;
};

/** The form's starting values: the finding being corrected, or a new one about `targetId`. */
export function findingInitialValues(finding: FindingRead | null, targetId: string | null): FindingFormValues {
  if (finding) {
    return { target_id: finding.target_id, topic: finding.topic, severity: finding.severity, description: finding.description };
  }
  return { target_id: targetId ?? undefined, severity: "minor" };
}

/** The body of `POST .../findings` (the form's rules made every field present). */
export function buildFindingCreate(values: FindingFormValues): FindingCreate {
  return {
    target_id: values.target_id ?? "",
    topic: values.topic ?? "",
    severity: values.severity ?? "minor",
    description: (values.description ?? "").trim(),
  };
}

/** The body of `PATCH .../findings/{id}`: only what changed (null when nothing did). */
export function buildFindingUpdate(finding: FindingRead, values: FindingFormValues): FindingUpdate | null {
  const body: FindingUpdate = {};
  if (values.target_id && values.target_id !== finding.target_id) body.target_id = values.target_id;
  if (values.topic && values.topic !== finding.topic) body.topic = values.topic;
  if (values.severity && values.severity !== finding.severity) body.severity = values.severity;
  const description = (values.description ?? "").trim();
  if (description && description !== finding.description) body.description = description;
  return Object.keys(body).length > 0 ? body : null;
}

/** Server field errors onto the finding form; `petition_ids.N` and the rest become the general message. */
export const findingFieldResolver: FieldResolver<FindingField> = (path) =>
  (FINDING_FIELDS as readonly string[]).includes(path[0] ?? "") ? (path[0] as FindingField) : undefined;

/**
 * The findings under each target the reader sees, in the targets' order (each target's findings
 * oldest first, as the API lists them); a finding about a target not shown is left out, as the
 * API does for a reader outside the organiser's jurisdiction.
 */
export function findingsByTarget(targets: readonly TargetRead[], findings: readonly FindingRead[]): Map<string, FindingRead[]> {
  const out = new Map<string, FindingRead[]>(targets.map((t) => [t.id, []]));
  for (const f of findings) out.get(f.target_id)?.push(f);
  return out;
}
