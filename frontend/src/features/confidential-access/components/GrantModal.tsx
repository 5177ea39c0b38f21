import { useState } from "react";
import { Alert, App, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useChangeGrant } from "../api/change-grant";
import type { ConfidentialPermission } from "../api/types";
import { grantFailure } from "./problem";
import type { UserPickerSlot } from "./slots";

type Props = { open: boolean; permission: ConfidentialPermission; onClose: () => void; UserPicker: UserPickerSlot };

/** Give the permission to one person, after saying what it allows. */
export function GrantModal({ open, permission, onClose, UserPicker }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string | null }>();
  const change = useChangeGrant();
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setFailure(null);
    change.reset();
    onClose();
  };

  const submit = async ({ userId }: { userId: string | null }) => {
    if (!userId) return;
    setFailure(null);
    try {
      const user = await change.mutateAsync({ userId, permission, granted: true });
      void message.success(t("confidentialAccess.grantedOk", { name: user.full_name }));
      close();
    } catch (err) {
      setFailure(grantFailure(t, err));
    }
  };

  return (
    <Modal
      open={open}
      title={t("confidentialAccess.grantTitle", { permission: t(`confidentialAccess.permissionOption.${permission}`) })}
      okText={t("confidentialAccess.grant")}
      cancelText={t("common.cancel")}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t(permission === "users:grant_confidential" ? "confidentialAccess.grantWarningGrantors" : "confidentialAccess.grantWarning")}
        style={{ marginBottom: 16 }}
      />
      {failure && (
        <Alert type="error" showIcon title={t("confidentialAccess.changeFailed")} description={failure} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="userId" label={t("confidentialAccess.person")} rules={[{ required: true, message: t("form.required") }]}>
          <UserPicker withoutGrant={permission} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
