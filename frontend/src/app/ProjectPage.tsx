import { App as AntApp } from "antd";
import { useParams } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { ProjectPage as Project } from "../features/committee-projects/components/ProjectPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** One investment project with its supervision board; its edit form for holders of committees:write. */
export function ProjectPage() {
  const { projectId = "" } = useParams();
  const me = useMe();
  return (
    <AntApp component={false}>
      <Project
        key={projectId}
        projectId={projectId}
        canWrite={me.data?.permissions.includes("committees:write") ?? false}
        UnitPicker={UnitTreeSelect}
        ownUnit={me.data?.unit ?? null}
      />
    </AntApp>
  );
}
