import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { currentLanguage, setLanguage, type Language } from "../i18n";

export function LanguageSwitch() {
  const { t } = useTranslation(); // also re-renders on language change
  return (
    <Segmented<Language>
      size="small"
      aria-label={t("lang.switch")}
      value={currentLanguage()}
      options={[
        { label: <span lang="vi" title={t("lang.vi")}>VI</span>, value: "vi" },
        { label: <span lang="en" title={t("lang.en")}>EN</span>, value: "en" },
      ]}
      onChange={(lng) => void setLanguage(lng)}
    />
  );
}
