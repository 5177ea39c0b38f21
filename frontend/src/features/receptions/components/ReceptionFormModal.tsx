import { useState } from "react";
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Skeleton } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import { useCreateReception } from "../api/create-reception";
import { useReception, type VersionedReception } from "../api/get-reception";
import { HOST_ROLES, RECEPTION_KINDS, RECEPTION_MODES } from "../api/types";
import { useUpdateReception } from "../api/update-reception";
import { buildReceptionCreate, buildReceptionUpdate, RECEPTION_FIELDS, receptionValuesOf, type ReceptionValues } from "../reception-form";
import type { UnitPicker } from "./slots";

type Props = {
  /** null: record a new session; an id: edit that one. */
  receptionId: string | null;
  defaultUnitId: string | null;
  UnitPicker: UnitPicker;
  onClose: () => void;
};

/** Record or correct a reception session (edits send only what changed, with If-Match). */
export function ReceptionFormModal({ receptionId, defaultUnitId, UnitPicker, onClose }: Props) {
  const { t } = useTranslation();
  const existing = useReception(receptionId);
  if (receptionId !== null && !existing.data) {
    return (
      <Modal open title={t("receptions.form.editTitle")} footer={null} onCancel={onClose}>
        {existing.isError ? <Alert type="error" showIcon title={errorMessage(t, existing.error)} /> : <Skeleton active />}
      </Modal>
    );
  }
  return <ReceptionForm existing={existing.data ?? null} defaultUnitId={defaultUnitId} UnitPicker={UnitPicker} onClose={onClose} />;
}

function ReceptionForm({
  existing,
  defaultUnitId,
  UnitPicker,
  onClose,
}: {
  existing: VersionedReception | null;
  defaultUnitId: string | null;
  UnitPicker: UnitPicker;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReceptionValues>();
  const create = useCreateReception();
  const update = useUpdateReception();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const pending = create.isPending || update.isPending;

  const submit = async (v: ReceptionValues) => {
    setGeneral(null);
    try {
      if (existing) {
        const body = buildReceptionUpdate(existing.reception, v);
        if (Object.keys(body).length > 0) {
          await update.mutateAsync({ receptionId: existing.reception.id, body, etag: existing.etag });
        }
        void message.success(t("receptions.form.saved"));
      } else {
        await create.mutateAsync({ body: buildReceptionCreate(v), idempotencyKey });
        void message.success(t("receptions.form.created"));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("receptions.form.stale"));
        return;
      }
      const { fields, general } = formFailure(err, RECEPTION_FIELDS, t, errorMessage(t, err));
      form.setFields(fields);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={existing ? t("receptions.form.editTitle") : t("receptions.form.createTitle")}
      okText={existing ? t("common.save") : t("receptions.form.submit")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      width={720}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<ReceptionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        initialValues={
          existing
            ? receptionValuesOf(existing.reception)
            : {
                held_on: dayjs(),
                unit_id: defaultUnitId ?? undefined,
                kind: "regular",
                mode: "in_person",
                citizens_received: 0,
                cases_received: 0,
              }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="held_on" label={t("receptions.form.heldOn")} rules={[{ required: true, message: t("form.required") }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} disabledDate={isAfterToday} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unit_id" label={t("receptions.form.unit")} rules={[{ required: true, message: t("form.required") }]}>
              <UnitPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t("receptions.form.kind")} rules={[{ required: true, message: t("form.required") }]}>
              <Select options={RECEPTION_KINDS.map((k) => ({ value: k, label: t(`receptions.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="mode" label={t("receptions.form.mode")} extra={t("receptions.form.modeHint")}>
              <Radio.Group optionType="button" options={RECEPTION_MODES.map((m) => ({ value: m, label: t(`receptions.mode.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="host_name" label={t("receptions.form.hostName")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="host_role"
              label={t("receptions.form.hostRole")}
              extra={t("receptions.form.hostRoleHint")}
              rules={[{ required: true, message: t("form.required") }]}
            >
              <Select options={HOST_ROLES.map((r) => ({ value: r, label: t(`receptions.hostRole.${r}`) }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="place" label={t("receptions.form.place")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="citizens_received" label={t("receptions.form.citizens")}>
              <InputNumber min={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="cases_received" label={t("receptions.form.cases")}>
              <InputNumber min={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t("receptions.form.notes")}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
