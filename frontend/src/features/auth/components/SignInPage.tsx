import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { useSignIn, type SignInInput } from "../api/sign-in";
import { useHasSession } from "../use-session";
import { LanguageSwitch } from "../../../components/LanguageSwitch";

export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const hasSession = useHasSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/";

  if (hasSession) return <Navigate to={from} replace />;

  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5" }}>
      <Card
        style={{ width: 380 }}
        extra={<LanguageSwitch />}
        title={<h1 style={{ margin: 0, fontSize: "inherit" }}>{t("app.name")}</h1>}
      >
        <Typography.Paragraph type="secondary">{t("app.tagline")}</Typography.Paragraph>
        {signIn.error && (
          <Alert role="alert" type="error" showIcon style={{ marginBottom: 16 }} message={errorMessage(t, signIn.error)} />
        )}
        <Form<SignInInput> layout="vertical" onFinish={(values) => signIn.mutate(values)} disabled={signIn.isPending}>
          <Form.Item name="username" label={t("auth.username")} rules={[{ required: true, message: t("auth.usernameRequired") }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t("auth.password")} rules={[{ required: true, message: t("auth.passwordRequired") }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
            {t("auth.signIn")}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
