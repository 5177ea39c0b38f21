import type { TFunction } from "i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";

/** A failed grant or revocation in words: a stale copy said as such, the rest as everywhere else. */
export function grantFailure(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === "precondition_failed") return t("confidentialAccess.stale");
  return errorMessage(t, error);
}
