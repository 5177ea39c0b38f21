import { useMe } from "../features/auth/api/get-me";
import { ApiKeysPanel } from "../features/api-keys/components/ApiKeysPanel";
import { AuditLogPanel } from "../features/audit/components/AuditLogPanel";
import { ConfidentialHoldersPanel } from "../features/confidential-access/components/ConfidentialHoldersPanel";
import { UnitName } from "../features/units/components/UnitName";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";
import { UserSelect } from "../features/users/components/UserSelect";
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

/** Who may read denouncers' identities; grantors (with users:manage, as the API asks) give and take it. */
export function ConfidentialAccessSection() {
  const me = useMe();
  const perms = me.data?.permissions ?? [];
  return (
    <ConfidentialHoldersPanel
      canGrant={perms.includes("users:grant_confidential") && perms.includes("users:manage")}
      nationwide={me.data !== undefined && me.data.unit === null}
      canReadAudit={perms.includes("audit:read")}
      selfId={me.data?.id ?? null}
      UnitName={UnitName}
      UserPicker={UserSelect}
    />
  );
}
