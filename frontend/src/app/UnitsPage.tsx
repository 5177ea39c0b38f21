import { App as AntApp } from "antd";
import { useMe } from "../features/auth/api/get-me";
import { UnitExplorerPage } from "../features/units/components/UnitExplorerPage";

/** The units explorer, with its write actions for holders of `units:write`. */
export function UnitsPage() {
  const me = useMe();
  // antd's App (message context) lives here, not at the root, to keep it out of the first load.
  return (
    <AntApp component={false}>
      <UnitExplorerPage canWrite={me.data?.permissions.includes("units:write") ?? false} />
    </AntApp>
  );
}
