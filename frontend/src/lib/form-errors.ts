import { ApiError } from "../api/client";
import type { FieldError } from "../api/problem";

/** A form field's name: a top-level name, or an antd name path into lists and groups. */
export type FieldName = string | (string | number)[];
export type FormFieldError<N extends FieldName = string> = { name: N; errors: string[] };

/**
 * Where a server field lands in the form: given the dotted path split into segments (without a
 * leading `body`) and the error itself, the form's field name, or undefined when the form shows
 * no such field.
 */
export type FieldResolver<N extends FieldName> = (path: string[], fieldError: FieldError) => N | undefined;

function resolverOf<N extends FieldName>(fields: readonly N[] | FieldResolver<N>): FieldResolver<N> {
  if (typeof fields === "function") return fields;
  return (path) => fields.find((f) => f === path[0]);
}

/**
 * Split a problem+json failure into errors for the form's own fields and a message for the rest.
 * `field` is the dotted name the server reports (`password`, `roles.0`, `body.unit_id`). With a list
 * of top-level names, the first segment names the form field; forms with nested fields pass a
 * resolver instead. A field the form does not show cannot be pointed at, so its message joins the
 * general one; with no field errors at all the general message is the problem's `detail`.
 */
export function problemToFormErrors<N extends FieldName>(
  error: unknown,
  formFields: readonly N[] | FieldResolver<N>,
  messageOf: (fe: FieldError) => string = (fe) => fe.message,
): { fields: FormFieldError<N>[]; general: string | null } {
  if (!(error instanceof ApiError)) return { fields: [], general: null };
  const resolve = resolverOf(formFields);
  const byField = new Map<string, FormFieldError<N>>();
  const unmatched: string[] = [];
  for (const fe of error.fieldErrors) {
    const parts = fe.field.split(".").filter((p) => p !== "");
    if (parts[0] === "body") parts.shift();
    const name = fe.in === "body" && parts.length > 0 ? resolve(parts, fe) : undefined;
    if (name === undefined) {
      unmatched.push(fe.field ? `${fe.field}: ${messageOf(fe)}` : messageOf(fe));
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(messageOf(fe));
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  let general: string | null = null;
  if (unmatched.length > 0) general = unmatched.join("; ");
  else if (fields.length === 0) general = error.detail;
  return { fields, general };
}

/**
 * The message a form shows above its fields after a failed submit: the unmatched field errors
 * when the server named fields, otherwise the translated problem (403, 409, network…).
 * Field errors themselves are returned for `form.setFields`, translated by their code
 * (`fieldError.<code>`), falling back to the server's English message.
 */
export function formFailure<N extends FieldName>(
  error: unknown,
  formFields: readonly N[] | FieldResolver<N>,
  t: (key: string, options?: Record<string, unknown>) => string,
  translatedProblem: string,
): { fields: FormFieldError<N>[]; general: string | null } {
  const { fields, general } = problemToFormErrors(error, formFields, (fe) =>
    t(`fieldError.${fe.code}`, { defaultValue: fe.message }),
  );
  return { fields, general: error instanceof ApiError && error.fieldErrors.length > 0 ? general : translatedProblem };
}
