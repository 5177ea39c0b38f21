import { App as AntApp } from "antd";
import { useParams } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { PetitionPage as PetitionScreen } from "../features/petitions/components/PetitionPage";
import { ReceptionLabel } from "../features/receptions/components/ReceptionLabel";
import { ReceptionSelect } from "../features/receptions/components/ReceptionSelect";
import { UnitName } from "../features/units/components/UnitName";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** One case; its acts and files for holders of petitions:write, a denouncer's identity only with petitions:confidential. */
export function PetitionPage() {
  const { petitionId = "" } = useParams();
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  const receptions = perms.includes("receptions:read");
  return (
    <AntApp component={false}>
      <PetitionScreen
        key={petitionId}
        petitionId={petitionId}
        canWrite={perms.includes("petitions:write")}
        canConfidential={perms.includes("petitions:confidential")}
        UnitPicker={UnitTreeSelect}
        UnitName={UnitName}
        ReceptionPicker={receptions ? ReceptionSelect : undefined}
        ReceptionLabel={receptions ? ReceptionLabel : undefined}
      />
    </AntApp>
  );
}
