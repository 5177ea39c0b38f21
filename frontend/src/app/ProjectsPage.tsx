import { App as AntApp, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/auth/api/get-me";
import { ProjectsListPage } from "../features/committee-projects/components/ProjectsListPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** The investment projects of the jurisdiction with their supervision boards; a new one for holders of committees:write. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <AntApp component={false}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("committeeProjects.title")}
      </Typography.Title>
      <ProjectsListPage
        UnitPicker={UnitTreeSelect}
        canWrite={me.data?.permissions.includes("committees:write") ?? false}
        ownUnit={me.data?.unit ?? null}
      />
    </AntApp>
  );
}
