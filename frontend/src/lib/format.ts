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
