import { App as AntApp } from "antd";
import { useParams } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { CommitteePage as Committee } from "../features/committees/components/CommitteePage";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";

/** One committee: terms, members, compliance, activities and recommendations; its forms for holders of committees:write. */
export function CommitteePage() {
  const { committeeId = "" } = useParams();
  const me = useMe();
  return (
    <AntApp component={false}>
      <Committee
        key={committeeId}
        committeeId={committeeId}
        canWrite={me.data?.permissions.includes("committees:write") ?? false}
        canPetition={me.data?.permissions.includes("petitions:write") ?? false}
        UnitPicker={UnitTreeSelect}
      />
    </AntApp>
  );
}
