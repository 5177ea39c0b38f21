import { Alert, Button, Layout, Menu, Skeleton, Space, Typography } from "antd";
import { ApartmentOutlined, FileTextOutlined, LogoutOutlined, SettingOutlined, TeamOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { errorMessage } from "../lib/errors";
import { useMe, type Permission } from "../features/auth/api/get-me";
import { useSignOut } from "../features/auth/api/sign-out";

const ADMIN_PERMISSIONS: Permission[] = ["users:read", "api_keys:manage", "audit:read"];

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const { pathname } = useLocation();

  // The page renders while /auth/me is on its way: its own requests go out at the same time.
  const perms = me.data?.permissions ?? [];
  const canAdmin = perms.some((p) => ADMIN_PERMISSIONS.includes(p));
  const items = [
    { key: "/units", icon: <ApartmentOutlined />, label: <Link to="/units">{t("nav.units")}</Link> },
    ...(perms.includes("petitions:read")
      ? [{ key: "/petitions", icon: <FileTextOutlined />, label: <Link to="/petitions">{t("nav.petitions")}</Link> }]
      : []),
    ...(perms.includes("receptions:read")
      ? [{ key: "/receptions", icon: <TeamOutlined />, label: <Link to="/receptions">{t("nav.receptions")}</Link> }]
      : []),
    ...(canAdmin ? [{ key: "/admin", icon: <SettingOutlined />, label: <Link to="/admin">{t("nav.admin")}</Link> }] : []),
  ];
  const selected = items.find((i) => pathname.startsWith(i.key))?.key;

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
          {me.isError ? <Alert type="error" showIcon message={errorMessage(t, me.error)} /> : <Outlet />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
