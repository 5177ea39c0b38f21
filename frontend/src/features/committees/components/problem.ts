import type { TFunction } from "i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import type { CompositionRule } from "../api/list-rules";
import { refusalMessage } from "../rules";

/**
 * The sentence a committee form shows next to itself after a refusal: a rule named by the problem
 * (`rule_id`, `legal_basis`) in words with its article, the committees' own conflicts, or the
 * translated problem.
 */
export function problemText(t: TFunction, error: unknown, rules: readonly CompositionRule[] | undefined): string {
  const refusal = refusalMessage(t, error, rules);
  if (refusal) return refusal;
  if (error instanceof ApiError) {
    const own = t(`committees.problem.${error.code}`, { defaultValue: "" });
    if (own) return own;
  }
  return errorMessage(t, error);
}
