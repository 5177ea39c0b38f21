/** The compliance report's period as the API takes it: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
export type Granularity = "year" | "quarter" | "month";
export type Period = { granularity: Granularity; year: number; part: number | null };

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Read a period from the URL; null for anything the API would refuse (422 invalid_period). */
export function parsePeriod(value: string): Period | null {
  let m = YEAR.exec(value);
  if (m) return { granularity: "year", year: Number(m[1]), part: null };
  m = QUARTER.exec(value);
  if (m) return { granularity: "quarter", year: Number(m[1]), part: Number(m[2]) };
  m = MONTH.exec(value);
  if (m) return { granularity: "month", year: Number(m[1]), part: Number(m[2]) };
  return null;
}

export function formatPeriod(p: Period): string {
  if (p.granularity === "year" || p.part === null) return String(p.year);
  if (p.granularity === "quarter") return `${p.year}-Q${p.part}`;
  return `${p.year}-${String(p.part).padStart(2, "0")}`;
}

/** The period of a given granularity that contains `date` (a YYYY-MM-DD day). */
export function periodContaining(granularity: Granularity, date: string): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (granularity === "year") return { granularity, year, part: null };
  if (granularity === "quarter") return { granularity, year, part: Math.ceil(month / 3) };
  return { granularity, year, part: month };
}

/** First day of a period, for the date picker that shows it. */
export function periodStart(p: Period): string {
  const month = p.granularity === "quarter" && p.part ? (p.part - 1) * 3 + 1 : p.granularity === "month" && p.part ? p.part : 1;
  return `${p.year}-${String(month).padStart(2, "0")}-01`;
}

/** A ratio (0.8333) as a percentage in the reader's language: "83,3%" in Vietnamese, "83.3%" in English. */
export function formatRatio(ratio: number | null, language: string): string {
  if (ratio === null) return "—";
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "vi-VN", { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** A count with the reader's digit grouping: "12.345" in Vietnamese, "12,345" in English. */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language === "en" ? "en-GB" : "vi-VN").format(value);
}
