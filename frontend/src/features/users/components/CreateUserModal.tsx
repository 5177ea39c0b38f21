import { useState, type ComponentType } from "react";
import { Alert, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { formFailure } from "../../../lib/form-errors";
import { errorMessage } from "../../../lib/errors";
import { useCreateUser } from "../api/create-user";
import { ROLES, type Role } from "../api/types";

export type UnitPicker = ComponentType<{ value?: string | null; onChange?: (value: string | null) => void }>;

type Values = {
  username: string;
  full_name: string;
  email?: string;
  password: string;
  unit_id?: string | null;
  roles: Role[];
};
const FIELDS = ["username", "full_name", "email", "password", "unit_id", "roles"] as const;

type Props = { open: boolean; onClose: () => void; UnitPicker: UnitPicker };

export function CreateUserModal({ open, onClose, UnitPicker }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const [general, setGeneral] = useState<string | null>(null);
  // One key per form opening: a retried submit after a lost response cannot create twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const close = () => {
    form.resetFields();
    setGeneral(null);
    create.reset();
    setIdempotencyKey(crypto.randomUUID());
    onClose();
  };

  const submit = async (v: Values) => {
    setGeneral(null);
    try {
      await create.mutateAsync({
        body: {
          username: v.username.trim(),
          full_name: v.full_name.trim(),
          email: v.email?.trim() || null,
          password: v.password,
          unit_id: v.unit_id ?? null,
          roles: v.roles,
        },
        idempotencyKey,
      });
      close();
    } catch (err) {
      const { fields, general } = formFailure(err, FIELDS, t, errorMessage(t, err));
      form.setFields(fields);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open={open}
      title={t("users.create")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: ["viewer"] }}>
        <Form.Item name="username" label={t("users.username")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="full_name" label={t("users.fullName")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t("users.email")} rules={[{ type: "email", message: t("form.email") }]}>
          <Input type="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t("users.password")}
          rules={[
            { required: true, message: t("form.required") },
            { min: 12, message: t("form.passwordMin", { count: 12 }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="unit_id" label={t("users.unit")} extra={t("users.unitHint")}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="roles" label={t("users.roles")} rules={[{ required: true, message: t("form.required") }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
