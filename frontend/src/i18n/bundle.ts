import i18n from "./index";

type Resources = Record<string, unknown>;

/**
 * Add a screen's translations when its code loads, so the first page load carries only the shell's
 * words. Bundles merge into the one namespace (deep, never overwriting a key of the main files).
 */
export function addBundle(vi: Resources, en: Resources): void {
  i18n.addResourceBundle("vi", "translation", vi, true, false);
  i18n.addResourceBundle("en", "translation", en, true, false);
}
