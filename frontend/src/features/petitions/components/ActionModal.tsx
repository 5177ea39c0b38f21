import { useMemo, useState } from "react";
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import { actionFields, buildTransition, transitionFieldResolver, type ActionFieldSpec, type ActionFormValues } from "../action-form";
import type { VersionedPetition } from "../api/get-petition";
import { useTransitionPetition } from "../api/transition-petition";
import { OUTCOMES, type Action, type PetitionKind, type WorkflowRead } from "../api/types";
import type { UnitPicker } from "./slots";

type Props = {
  versioned: VersionedPetition;
  action: Action;
  workflows: readonly WorkflowRead[] | undefined;
  /** The day of the case's last act (YYYY-MM-DD): an act cannot be dated before it. */
  notBefore: string | null;
  UnitPicker: UnitPicker;
  onClose: () => void;
};

/** One act on the case, with the data its workflow requires, its legal date and a note. */
export function ActionModal({ versioned, action, workflows, notBefore, UnitPicker, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionFormValues>();
  const move = useTransitionPetition();
  const [general, setGeneral] = useState<string | null>(null);
  // One key per opening of the form: a retry after a lost answer cannot act twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const p = versioned.petition;
  // Fixed when the form opens: a refreshed case must not reshape the fields under the user's hands.
  const [fields] = useState(() => actionFields(workflows, p.kind, p.status, action));
  const stillAllowed = p.allowed_actions.includes(action);
  const minDay = useMemo(() => (notBefore ? dayjs(notBefore) : null), [notBefore]);

  const submit = async (v: ActionFormValues) => {
    setGeneral(null);
    try {
      const moved = await move.mutateAsync({
        petitionId: p.id,
        body: buildTransition(action, fields, v),
        // The ETag of the copy on screen: if someone acted meanwhile, the server says 412.
        etag: versioned.etag,
        idempotencyKey,
      });
      void message.success(
        t("petitions.actionForm.done", { action: t(`petitions.action.${action}`), status: t(`petitions.status.${moved.petition.status}`) }),
      );
      onClose();
    } catch (err) {
      // An act the server refused was not recorded: the next submit is a new request. (After a
      // network failure the same key is kept, so a retry cannot record the act twice.)
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      if (err instanceof ApiError && err.code === "invalid_transition") {
        const allowed = err.extensions.allowed_actions;
        setGeneral(
          t("petitions.actionForm.notAllowed", {
            action: t(`petitions.action.${action}`),
            allowed: Array.isArray(allowed) && allowed.length > 0 ? allowed.map((a) => t(`petitions.action.${String(a)}`)).join(", ") : "—",
          }),
        );
        return;
      }
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("petitions.actionForm.stale"));
        return;
      }
      const { fields: errs, general } = formFailure(err, transitionFieldResolver(fields), t, errorMessage(t, err));
      form.setFields(errs as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={t("petitions.actionForm.title", { action: t(`petitions.action.${action}`), reference: p.reference })}
      okText={t(`petitions.action.${action}`)}
      okButtonProps={{ disabled: !stillAllowed, danger: action === "not_accept" || action === "withdraw" }}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`petitions.actionHint.${action}`, { defaultValue: "" })}</Typography.Paragraph>
      {!stillAllowed && !general && (
        <Alert type="warning" showIcon role="alert" title={t("petitions.actionForm.noLongerAllowed")} style={{ marginBottom: 16 }} />
      )}
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<ActionFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={move.isPending}
        initialValues={{ effective_on: dayjs() }}
      >
        {fields.map((f) => (
          <ActionField key={f.name} field={f} action={action} kind={p.kind} UnitPicker={UnitPicker} />
        ))}
        <Form.Item
          name="effective_on"
          label={t("petitions.actionForm.effectiveOn")}
          extra={t("petitions.actionForm.effectiveOnHint")}
          rules={[{ required: true, message: t("form.required") }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: "100%" }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || (minDay !== null && d.isBefore(minDay, "day"))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("petitions.actionForm.note")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActionField({ field, action, kind, UnitPicker }: { field: ActionFieldSpec; action: Action; kind: PetitionKind; UnitPicker: UnitPicker }) {
  const { t } = useTranslation();
  const rules = field.required ? [{ required: true, whitespace: true, message: t("form.required") }] : [];
  const label = t(`petitions.actionForm.field.${field.name}.${action}`, {
    defaultValue: t(`petitions.actionForm.field.${field.name}.label`, { defaultValue: field.name }),
  });
  const extra = t(`petitions.actionForm.field.${field.name}.hint`, { defaultValue: "" }) || undefined;
  switch (field.name) {
    case "target_unit_id":
      return (
        <Form.Item name="target_unit_id" label={label} extra={extra} rules={field.required ? [{ required: true, message: t("form.required") }] : []}>
          <UnitPicker placeholder={t("petitions.actionForm.pickUnit")} />
        </Form.Item>
      );
    case "outcome":
      return (
        <Form.Item name="outcome" label={label} rules={field.required ? [{ required: true, message: t("form.required") }] : []}>
          <Select options={OUTCOMES[kind].map((o) => ({ value: o, label: t(`petitions.outcome.${o}`) }))} />
        </Form.Item>
      );
    case "extension_days":
      return (
        <Form.Item name="extension_days" label={label} extra={extra} rules={field.required ? [{ required: true, message: t("form.required") }] : []}>
          <InputNumber min={1} max={365} style={{ width: 160 }} />
        </Form.Item>
      );
    case "decision_number":
      return (
        <Form.Item name="decision_number" label={label} extra={extra} rules={rules}>
          <Input maxLength={100} placeholder="15/QĐ-UBND" />
        </Form.Item>
      );
    case "reason":
    case "withdrawn_content":
    case "answer":
      return (
        <Form.Item name={field.name} label={label} rules={rules}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={field.name} label={label} rules={rules}>
          <Input />
        </Form.Item>
      );
  }
}
