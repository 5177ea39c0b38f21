import { App as AntApp, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { TeamsListPage } from "../features/inspections/components/TeamsListPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** Inspections: the teams of the jurisdiction at /inspections. */
export function InspectionsPage() {
  const { t } = useTranslation();
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("inspections.title")}
      </Typography.Title>
      <TeamsListPage UnitPicker={UnitTreeSelect} />
    </AntApp>
  );
}
