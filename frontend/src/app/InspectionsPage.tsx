import { App as AntApp, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { CoveragePage } from "../features/inspections/components/CoveragePage";
import { PlansListPage } from "../features/inspections/components/PlansListPage";
import { RecommendationsListPage } from "../features/inspections/components/RecommendationsListPage";
import { TeamsListPage } from "../features/inspections/components/TeamsListPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";
import { TargetUnitsSelect } from "./TargetUnitsSelect";

const PATHS = {
  teams: "/inspections",
  plans: "/inspections/plans",
  coverage: "/inspections/coverage",
  recommendations: "/inspections/recommendations",
  ours: "/inspections/recommendations/ours",
} as const;
type Section = keyof typeof PATHS;

function sectionOf(pathname: string): Section {
  if (pathname.startsWith(PATHS.ours)) return "ours";
  if (pathname.startsWith(PATHS.recommendations)) return "recommendations";
  if (pathname.startsWith(PATHS.plans)) return "plans";
  if (pathname.startsWith(PATHS.coverage)) return "coverage";
  return "teams";
}

/**
 * Inspections: the teams of the jurisdiction at /inspections, the plans at /inspections/plans (both
 * with their forms for holders of inspections:write), the recommendations of its teams at
 * /inspections/recommendations and, for a principal of a unit, those addressed to its unit at
 * /inspections/recommendations/ours; how far the inspections reached at /inspections/coverage.
 */
export function InspectionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const me = useMe();
  const unitId = me.data?.unit?.id ?? null;
  const write = me.data?.permissions.includes("inspections:write") ? { ownUnitId: unitId, TargetsPicker: TargetUnitsSelect } : undefined;
  // A nationwide principal has no unit of its own: "ours" is the whole board.
  const section = sectionOf(pathname) === "ours" && unitId === null ? "recommendations" : sectionOf(pathname);
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("inspections.title")}
      </Typography.Title>
      <Tabs
        activeKey={section}
        onChange={(k) => navigate(PATHS[k as Section])}
        destroyOnHidden
        items={[
          {
            key: "teams",
            label: t("inspections.tabs.teams"),
            children: section === "teams" ? <TeamsListPage UnitPicker={UnitTreeSelect} write={write} /> : null,
          },
          {
            key: "plans",
            label: t("inspections.tabs.plans"),
            children: section === "plans" ? <PlansListPage UnitPicker={UnitTreeSelect} write={write} /> : null,
          },
          {
            key: "recommendations",
            label: t("inspections.tabs.recommendations"),
            children: section === "recommendations" ? <RecommendationsListPage UnitPicker={UnitTreeSelect} /> : null,
          },
          {
            key: "coverage",
            label: t("inspections.tabs.coverage"),
            children: section === "coverage" ? <CoveragePage UnitPicker={UnitTreeSelect} /> : null,
          },
          ...(unitId
            ? [
                {
                  key: "ours",
                  label: t("inspections.tabs.ours"),
                  children:
                    section === "ours" ? <RecommendationsListPage key={unitId} UnitPicker={UnitTreeSelect} ownerUnitId={unitId} /> : null,
                },
              ]
            : []),
        ]}
      />
    </AntApp>
  );
}
