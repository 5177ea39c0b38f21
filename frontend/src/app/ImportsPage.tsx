import { App as AntApp, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/auth/api/get-me";
import { ImportPage } from "../features/imports/components/ImportPage";
import { importable } from "../features/imports/resources";

/** Imports from files, of the resources the principal may write. */
export function ImportsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("imports.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("imports.intro")}</Typography.Paragraph>
      <ImportPage resources={importable(me.data?.permissions ?? [])} />
    </AntApp>
  );
}
