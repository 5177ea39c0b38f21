import { App as AntApp } from "antd";
import { useParams } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { TeamPage } from "../features/inspections/components/TeamPage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";
import { TargetUnitsSelect } from "./TargetUnitsSelect";

/** One inspection or supervision team; its acts and findings for holders of inspections:write who cover its organiser. */
export function InspectionTeamPage() {
  const { teamId = "" } = useParams();
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  return (
    <AntApp component={false}>
      <TeamPage
        key={teamId}
        teamId={teamId}
        canWrite={perms.includes("inspections:write")}
        viewerUnitId={me.data?.unit?.id ?? null}
        UnitPicker={UnitTreeSelect}
        TargetsPicker={TargetUnitsSelect}
      />
    </AntApp>
  );
}
