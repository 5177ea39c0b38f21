import { App as AntApp, Result, Spin, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { useMe, type Permission } from "../features/auth/api/get-me";
import { ApiKeysPanel } from "../features/api-keys/components/ApiKeysPanel";
import { AuditLogPanel } from "../features/audit/components/AuditLogPanel";
import { UnitName } from "../features/units/components/UnitName";
import { UnitTreeSelect } from "../features/units/components/UnitTreeSelect";
import { UsersPanel } from "../features/users/components/UsersPanel";

const SECTIONS: { key: "users" | "api-keys" | "audit"; needs: Permission }[] = [
  { key: "users", needs: "users:read" },
  { key: "api-keys", needs: "api_keys:manage" },
  { key: "audit", needs: "audit:read" },
];

/** Administration: each section at /admin/<section>, shown only to holders of its permission. */
export function AdminPage() {
  const { t } = useTranslation();
  const { section } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  if (!me.data) return <Spin />;
  const perms = new Set(me.data.permissions);
  const allowed = SECTIONS.filter((s) => perms.has(s.needs));
  if (allowed.length === 0) return <Result status="403" title={t("errors.forbidden")} />;
  const current = allowed.find((s) => s.key === section);
  if (!current) return <Navigate to={`/admin/${allowed[0]!.key}`} replace />;

  const render = (key: (typeof SECTIONS)[number]["key"]) => {
    switch (key) {
      case "users":
        return <UsersPanel canManage={perms.has("users:manage")} UnitPicker={UnitTreeSelect} UnitName={UnitName} />;
      case "api-keys":
        return <ApiKeysPanel UnitPicker={UnitTreeSelect} UnitName={UnitName} />;
      case "audit":
        return <AuditLogPanel />;
    }
  };

  // antd's App (message/modal context) lives here, not at the root, to keep it out of the first load.
  return (
    <AntApp component={false}>
      <Typography.Title level={3}>{t("nav.admin")}</Typography.Title>
      <Tabs
        activeKey={current.key}
        onChange={(k) => navigate(`/admin/${k}`)}
        destroyOnHidden
        items={allowed.map((s) => ({
          key: s.key,
          label: t(`admin.section.${s.key}`),
          children: s.key === current.key ? render(s.key) : null,
        }))}
      />
    </AntApp>
  );
}
