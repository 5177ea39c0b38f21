import { App as AntApp, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { CompliancePage } from "../features/receptions/components/CompliancePage";
import { ReceptionsListPage } from "../features/receptions/components/ReceptionsListPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** Citizen receptions: the sessions at /receptions, the quota compliance table at /receptions/compliance. */
export function ReceptionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.startsWith("/receptions/compliance") ? "compliance" : "sessions";
  const perms = me.data?.permissions ?? [];
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("receptions.title")}
      </Typography.Title>
      <Tabs
        activeKey={section}
        onChange={(k) => navigate(k === "compliance" ? "/receptions/compliance" : "/receptions")}
        destroyOnHidden
        items={[
          {
            key: "sessions",
            label: t("receptions.tabs.sessions"),
            children:
              section === "sessions" ? (
                <ReceptionsListPage
                  canWrite={perms.includes("receptions:write")}
                  UnitPicker={UnitTreeSelect}
                  defaultUnitId={me.data?.unit?.id ?? null}
                />
              ) : null,
          },
          {
            key: "compliance",
            label: t("receptions.tabs.compliance"),
            children: section === "compliance" ? <CompliancePage UnitPicker={UnitTreeSelect} /> : null,
          },
        ]}
      />
    </AntApp>
  );
}
