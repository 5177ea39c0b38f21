import { useMe } from "../features/auth/api/get-me";
import { ApiKeysPanel } from "../features/api-keys/components/ApiKeysPanel";
import { AuditLogPanel } from "../features/audit/components/AuditLogPanel";
import { UnitName } from "../features/units/components/UnitName";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";
import { UsersPanel } from "../features/users/components/UsersPanel";

/*
 * The administration tabs as the domain list (domains.ts) loads them: each composes its feature with
 * the principal's permissions and the widgets of other features it needs (the unit picker, unit names).
 */

export function UsersSection() {
  const me = useMe();
  return (
    <UsersPanel
      canManage={me.data?.permissions.includes("users:manage") ?? false}
      UnitPicker={UnitTreeSelect}
      UnitName={UnitName}
    />
  );
}

export function ApiKeysSection() {
  return <ApiKeysPanel UnitPicker={UnitTreeSelect} UnitName={UnitName} />;
}

export function AuditSection() {
  return <AuditLogPanel />;
}
