import { App as AntApp } from "antd";
import { useMe } from "../features/auth/api/get-me";
import { PetitionsListPage } from "../features/petitions/components/PetitionsListPage";
import { ReceptionSelect } from "../features/receptions/components/ReceptionSelect";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** The cases of the jurisdiction; holders of petitions:write receive new ones. */
export function PetitionsPage() {
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  return (
    <AntApp component={false}>
      <PetitionsListPage
        canWrite={perms.includes("petitions:write")}
        UnitPicker={UnitTreeSelect}
        ReceptionPicker={perms.includes("receptions:read") ? ReceptionSelect : undefined}
        defaultUnitId={me.data?.unit?.id ?? null}
      />
    </AntApp>
  );
}
