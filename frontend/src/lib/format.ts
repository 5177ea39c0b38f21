import dayjs from "dayjs";

/** dd/MM/yyyy for both languages, as Vietnamese documents write dates. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  // Date-only values are calendar dates: format them without a timezone shift.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return dayjs(value).format("DD/MM/YYYY");
}

/** dd/MM/yyyy HH:mm in local time, for timestamps. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "";
  return dayjs(value).format("DD/MM/YYYY HH:mm");
}

/**
 * For date pickers of changes already in force: the API records a retirement or reorganization
 * on or after the day it takes effect, so later days are disabled.
 */
export function isAfterToday(d: dayjs.Dayjs): boolean {
  return d.isAfter(dayjs(), "day");
}

const NUMBER_LOCALE: Record<string, string> = { vi: "vi-VN", en: "en-GB" };
const locale = (language: string) => NUMBER_LOCALE[language] ?? "vi-VN";

/** A count as the reader's language writes it: 1.462 in Vietnamese, 1,462 in English. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 2 }).format(value);
}

/** A share (0–1) as a percentage with at most one decimal (37,5% in Vietnamese); a dash when unknown. */
export function formatPercent(share: number | null | undefined, language: string): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return new Intl.NumberFormat(locale(language), { style: "percent", maximumFractionDigits: 1 }).format(share);
}
