import { Suspense, type ComponentType } from "react";
import { Alert, Button, Layout, Menu, Skeleton, Space, Typography } from "antd";
import { LogoutOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { errorMessage } from "../lib/errors";
import { useMe } from "../features/auth/api/get-me";
import { useSignOut } from "../features/auth/api/sign-out";
import { DOMAINS } from "./domains";
import { activeEntry, navEntries } from "./registry";

/** A menu icon loaded with the menu; its box (antd's className) keeps its width until it arrives. */
function NavIcon({ icon: Icon, className }: { icon: ComponentType; className?: string }) {
  return (
    <span className={className} aria-hidden>
      <Suspense fallback={null}>
        <Icon />
      </Suspense>
    </span>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const { pathname } = useLocation();

  // The page renders while /auth/me is on its way: its own requests go out at the same time.
  const perms = me.data?.permissions ?? [];
  const entries = navEntries(DOMAINS, perms);
  const items = entries.map(({ to, label, icon: Icon }) => ({
    key: to,
    icon: Icon ? <NavIcon icon={Icon} /> : undefined,
    label: <Link to={to}>{t(label)}</Link>,
  }));
  const selected = activeEntry(entries, pathname)?.to;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light">
        <div style={{ padding: 16, fontWeight: 700, fontSize: 18 }}>{t("app.name")}</div>
        <nav aria-label={t("nav.label")}>
          <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: "#fff", display: "flex", justifyContent: "flex-end", alignItems: "center", gap: 16 }}
        >
          {me.data ? (
            <Space size="small" style={{ lineHeight: 1.3 }}>
              <Typography.Text strong>{me.data.full_name ?? me.data.name}</Typography.Text>
              <Typography.Text type="secondary">
                {me.data.unit?.name ?? t("auth.wholeCountry")} ·{" "}
                {me.data.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join(", ")}
              </Typography.Text>
            </Space>
          ) : (
            <Skeleton.Input active size="small" style={{ width: 240 }} />
          )}
          <LanguageSwitch />
          <Button icon={<LogoutOutlined />} loading={signOut.isPending} onClick={() => signOut.mutate()}>
            {t("auth.signOut")}
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {me.isError && !me.data ? <Alert type="error" showIcon message={errorMessage(t, me.error)} /> : <Outlet />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
