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
