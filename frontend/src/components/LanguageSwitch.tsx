import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { currentLanguage, setLanguage, type Language } from "../i18n";

export function LanguageSwitch() {
  useTranslation(); // re-render on language change
  return (
    <Segmented<Language>
      size="small"
      value={currentLanguage()}
      options={[
        { label: "VI", value: "vi" },
        { label: "EN", value: "en" },
      ]}
      onChange={(lng) => void setLanguage(lng)}
    />
  );
}
