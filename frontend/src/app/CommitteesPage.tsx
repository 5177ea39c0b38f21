import { App as AntApp, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/auth/api/get-me";
import { CommitteesListPage } from "../features/committees/components/CommitteesListPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** People's inspection committees and investment supervision boards of the jurisdiction; a new one for holders of committees:write. */
export function CommitteesPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("committees.title")}
      </Typography.Title>
      <CommitteesListPage
        UnitPicker={UnitTreeSelect}
        canWrite={me.data?.permissions.includes("committees:write") ?? false}
        ownUnit={me.data?.unit ?? null}
      />
    </AntApp>
  );
}
