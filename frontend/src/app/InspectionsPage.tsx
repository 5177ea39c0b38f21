import { App as AntApp, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { PlansListPage } from "../features/inspections/components/PlansListPage";
import { TeamsListPage } from "../features/inspections/components/TeamsListPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** Inspections: the teams of the jurisdiction at /inspections, the plans at /inspections/plans. */
export function InspectionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.startsWith("/inspections/plans") ? "plans" : "teams";
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("inspections.title")}
      </Typography.Title>
      <Tabs
        activeKey={section}
        onChange={(k) => navigate(k === "plans" ? "/inspections/plans" : "/inspections")}
        destroyOnHidden
        items={[
          {
            key: "teams",
            label: t("inspections.tabs.teams"),
            children: section === "teams" ? <TeamsListPage UnitPicker={UnitTreeSelect} /> : null,
          },
          {
            key: "plans",
            label: t("inspections.tabs.plans"),
            children: section === "plans" ? <PlansListPage UnitPicker={UnitTreeSelect} /> : null,
          },
        ]}
      />
    </AntApp>
  );
}
