import { ApiError } from "../api/client";
import type { FieldError } from "../api/problem";

export type FormFieldError<F extends string = string> = { name: F; errors: string[] };

/**
 * Split a problem+json failure into errors for the form's own fields and a message for the rest.
 * `field` is the dotted name the server reports (`password`, `roles.0`, `body.unit_id`); its first
 * segment names the form field. A field the form does not show cannot be pointed at, so its message
 * joins the general one; with no field errors at all the general message is the problem's `detail`.
 */
export function problemToFormErrors<F extends string>(
  error: unknown,
  formFields: readonly F[],
  messageOf: (fe: FieldError) => string = (fe) => fe.message,
): { fields: FormFieldError<F>[]; general: string | null } {
  if (!(error instanceof ApiError)) return { fields: [], general: null };
  const byField = new Map<F, string[]>();
  const unmatched: string[] = [];
  for (const fe of error.fieldErrors) {
    const parts = fe.field.split(".").filter((p) => p !== "" && p !== "body");
    const head = formFields.find((f) => f === parts[0]);
    if (fe.in !== "body" || head === undefined) {
      unmatched.push(`${fe.field}: ${messageOf(fe)}`);
      continue;
    }
    byField.set(head, [...(byField.get(head) ?? []), messageOf(fe)]);
  }
  const fields = [...byField].map(([name, errors]) => ({ name, errors }));
  let general: string | null = null;
  if (unmatched.length > 0) general = unmatched.join("; ");
  else if (fields.length === 0) general = error.detail;
  return { fields, general };
}

/**
 * The message a form shows above its fields after a failed submit: the unmatched field errors
 * when the server named fields, otherwise the translated problem (403, 409, network…).
 * Field errors themselves are returned for `form.setFields`.
 */
export function formFailure<F extends string>(
  error: unknown,
  formFields: readonly F[],
  t: (key: string, options?: Record<string, unknown>) => string,
  translatedProblem: string,
): { fields: FormFieldError<F>[]; general: string | null } {
  const { fields, general } = problemToFormErrors(error, formFields, (fe) =>
    t(`fieldError.${fe.code}`, { defaultValue: fe.message }),
  );
  return { fields, general: error instanceof ApiError && error.fieldErrors.length > 0 ? general : translatedProblem };
}
