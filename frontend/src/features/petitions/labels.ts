import type { CategoryRead } from "./api/types";

/** A category's name in the reader's language; the code itself if the taxonomy does not know it. */
export function categoryName(categories: readonly CategoryRead[] | undefined, code: string, language: string): string {
  const c = categories?.find((x) => x.code === code);
  if (!c) return code;
  return language === "en" ? c.name_en : c.name_vi;
}
