import { Suspense } from "react";
import { App as AntApp, Result, Spin, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { useMe } from "../features/auth/api/get-me";
import { DOMAINS } from "./domains";
import { adminSections, allowedSections, type LoadedSection } from "./registry";

const SECTIONS = adminSections(DOMAINS);

/** Administration: each domain's tab at /admin/<key> (domains.ts), shown only to holders of its permission. */
export function AdminPage({ sections = SECTIONS }: { sections?: readonly LoadedSection[] }) {
  const { t } = useTranslation();
  const { section } = useParams();
  const navigate = useNavigate();
  const me = useMe();
  if (!me.data) return <Spin />;
  const allowed = allowedSections(sections, me.data.permissions);
  if (allowed.length === 0) return <Result status="403" title={t("errors.forbidden")} />;
  const current = allowed.find((s) => s.key === section);
  if (!current) return <Navigate to={`/admin/${allowed[0]!.key}`} replace />;

  // antd's App (message/modal context) lives here, not at the root, to keep it out of the first load.
  return (
    <AntApp component={false}>
      <Typography.Title level={3}>{t("nav.admin")}</Typography.Title>
      <Tabs
        activeKey={current.key}
        onChange={(k) => navigate(`/admin/${k}`)}
        destroyOnHidden
        items={allowed.map(({ key, label, Component }) => ({
          key,
          label: t(label),
          children:
            key === current.key ? (
              <Suspense fallback={<Spin />}>
                <Component />
              </Suspense>
            ) : null,
        }))}
      />
    </AntApp>
  );
}
