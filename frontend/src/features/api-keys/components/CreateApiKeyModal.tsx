import { useState, type ComponentType } from "react";
import { Alert, DatePicker, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { useCreateApiKey } from "../api/create-api-key";
import { PERMISSIONS, type ApiKeyCreated, type Permission } from "../api/types";

export type UnitPicker = ComponentType<{ value?: string | null; onChange?: (value: string | null) => void }>;

type Values = { name: string; unit_id?: string | null; scopes: Permission[]; expires_at?: Dayjs | null };
const FIELDS = ["name", "unit_id", "scopes", "expires_at"] as const;

type Props = { open: boolean; onClose: () => void; onCreated: (key: ApiKeyCreated) => void; UnitPicker: UnitPicker };

export function CreateApiKeyModal({ open, onClose, onCreated, UnitPicker }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const [general, setGeneral] = useState<string | null>(null);
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
      const created = await create.mutateAsync({
        body: {
          name: v.name.trim(),
          unit_id: v.unit_id ?? null,
          scopes: v.scopes,
          // The key works through the whole chosen day, local time.
          expires_at: v.expires_at ? v.expires_at.endOf("day").toISOString() : null,
        },
        idempotencyKey,
      });
      close();
      onCreated(created);
    } catch (err) {
      const { fields, general } = formFailure(err, FIELDS, t, errorMessage(t, err));
      form.setFields(fields);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open={open}
      title={t("apiKeys.create")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t("apiKeys.name")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unit_id" label={t("apiKeys.unit")} extra={t("apiKeys.unitHint")}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="scopes" label={t("apiKeys.scopes")} rules={[{ required: true, message: t("form.required") }]}>
          <Select
            mode="multiple"
            options={PERMISSIONS.map((p) => ({ value: p, label: `${t(`permission.${p}`)} (${p})` }))}
          />
        </Form.Item>
        <Form.Item name="expires_at" label={t("apiKeys.expiresAt")}>
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: "100%" }}
            disabledDate={(d) => d.isBefore(new Date(), "day")}
            placeholder={t("apiKeys.noExpiry")}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
