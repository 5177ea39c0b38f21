import type { KeyboardEvent } from "react";
import type { TFunction } from "i18next";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../lib/errors";
import type { TopicRead } from "./api/types";

/** A topic's name in the reader's language; the code itself if the list does not know it. */
export function topicName(topics: readonly TopicRead[] | undefined, code: string, language: string): string {
  const topic = topics?.find((x) => x.code === code);
  if (!topic) return code;
  return language === "en" ? topic.name_en : topic.name_vi;
}

/** The years a plan or a team may cover, newest first: from Law 10/2022/QH15's first year to next year. */
export function inspectionYears(today = new Date()): string[] {
  const last = today.getFullYear() + 1;
  return Array.from({ length: last - 2023 + 1 }, (_, i) => String(last - i));
}

/** A problem in words: the inspections' own sentence for its codes, else the app's. */
export function problemMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const own = t(`inspections.errors.${error.code}`, { defaultValue: "" });
    if (own) return own;
  }
  return errorMessage(t, error);
}

/**
 * The `t` a form's field errors are translated with: the inspections' words for their codes
 * (`inspections.fieldError.<code>`), else the app's (`fieldError.<code>`), else the server's message.
 */
export function withFieldErrors(t: TFunction): (key: string, options?: Record<string, unknown>) => string {
  return (key, options) =>
    key.startsWith("fieldError.")
      ? t(`inspections.${key}`, { defaultValue: t(key, { ...options }) })
      : t(key, { ...options });
}

/**
 * For the long forms (plan, team): Enter in a field confirms the field (a typed date, a search) and
 * never submits a half-filled form; the form's button does.
 */
export function keepOpenOnEnter(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
}
