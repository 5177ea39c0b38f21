import type { TFunction } from "i18next";
import { ApiError } from "../api/client";

/** A sentence for the user, in the current language, for whatever a query or mutation threw. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case "rate_limited":
      case "too_many_requests":
        return error.retryAfter != null
          ? t("errors.rate_limited", { seconds: error.retryAfter })
          : t("errors.rate_limited_noWait");
      case "internal_error":
        return t("errors.internal_error", { requestId: error.requestId ?? "—" });
      default: {
        // Codes with a sentence of their own in errors.*; the rest show the server's detail.
        const known = t(`errors.${error.code}`, { defaultValue: "" });
        return known || t("errors.generic", { detail: error.detail });
      }
    }
  }
  // fetch() rejects with a TypeError when the network is down.
  if (error instanceof TypeError) return t("errors.network");
  return t("errors.generic", { detail: String(error) });
}
