import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import vi from "./vi.json";
import en from "./en.json";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "qcdc.lang";

function storedLanguage(): Language {
  const saved = typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
  return (LANGUAGES as readonly string[]).includes(saved ?? "") ? (saved as Language) : "vi";
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "vi",
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React already escapes.
  // One namespace: a colon is part of keys such as `permission.units:read`, not a namespace prefix.
  nsSeparator: false,
});

i18n.on("languageChanged", (lng) => {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
});

export function setLanguage(lng: Language): Promise<unknown> {
  return i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === "en" ? "en" : "vi";
}

export default i18n;
