import { Result } from "antd";
import { useTranslation } from "react-i18next";

export function AdminPlaceholder() {
  const { t } = useTranslation();
  return <Result status="info" title={t("nav.admin")} subTitle={t("admin.comingSoon")} />;
}
