import { useState } from "react";
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Typography,
} from "antd";
import { LockOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import { useCreatePetition } from "../api/create-petition";
import { listDuplicateSuggestions } from "../api/list-duplicate-suggestions";
import { CHANNELS, KINDS, type DuplicateSuggestion, type PetitionRead } from "../api/types";
import { buildCreate, petitionFieldResolver, type CreateValues } from "../petition-form";
import { newPersonRow } from "../petitioner-rows";
import { DuplicateSuggestions } from "./DuplicateSuggestions";
import { PetitionerRows } from "./PetitionerRows";
import { AuthorityField, CategoryField } from "./RecordFields";
import type { ReceptionPicker, UnitPicker } from "./slots";

type Props = {
  onClose: () => void;
  UnitPicker: UnitPicker;
  ReceptionPicker?: ReceptionPicker;
  defaultUnitId: string | null;
};

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** Receive a case: the record, its petitioners (a denunciation's kept apart), the session it came from. */
export function CreatePetitionModal({ onClose, UnitPicker, ReceptionPicker, defaultUnitId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreatePetition();
  const [general, setGeneral] = useState<string | null>(null);
  const [created, setCreated] = useState<{ petition: PetitionRead; suggestions: DuplicateSuggestion[] } | null>(null);
  // One key per form opening: a retried submit after a lost response cannot record the case twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const kind = Form.useWatch("kind", form);
  const unitId = Form.useWatch("receiving_unit_id", form) ?? null;
  const people = Form.useWatch("petitioners", form) ?? [];
  const denunciation = kind === "denunciation";

  const submit = async (v: CreateValues) => {
    setGeneral(null);
    try {
      const p = await create.mutateAsync({ body: buildCreate(v), idempotencyKey });
      // Nothing typed about a denouncer stays in the page once the case is recorded.
      form.resetFields();
      // The case is saved whatever happens next: suggestions that cannot be read show as none.
      const suggestions = await listDuplicateSuggestions(p.id).catch(() => []);
      if (suggestions.length > 0) {
        setCreated({ petition: p, suggestions });
      } else {
        void message.success(t("petitions.form.created", { reference: p.reference }));
        void navigate(`/petitions/${p.id}`);
      }
    } catch (err) {
      const { fields, general } = formFailure(err, petitionFieldResolver, t, errorMessage(t, err));
      // The resolver yields this form's names and name paths (petition-form.test.ts pins them).
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  if (created) {
    return (
      <Modal
        open
        title={t("petitions.duplicates.title", { reference: created.petition.reference })}
        onCancel={onClose}
        width={760}
        footer={[
          <Button key="close" onClick={onClose}>
            {t("petitions.duplicates.close")}
          </Button>,
          <Button key="open" type="primary" onClick={() => navigate(`/petitions/${created.petition.id}`)}>
            {t("petitions.duplicates.open")}
          </Button>,
        ]}
      >
        <DuplicateSuggestions petitionId={created.petition.id} suggestions={created.suggestions} />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t("petitions.form.title")}
      okText={t("petitions.form.submit")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={880}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon title={general} role="alert" style={{ marginBottom: 16 }} />}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{
          kind: "complaint",
          channel: "reception",
          received_on: dayjs(),
          receiving_unit_id: defaultUnitId ?? undefined,
          complex: false,
          within_authority: "unknown",
          head_count: 1,
          petitioners: [newPersonRow()],
        }}
        onValuesChange={(changed: Partial<CreateValues>) => {
          // A session belongs to one unit: another unit, another session.
          if ("receiving_unit_id" in changed) form.setFieldValue("reception_id", null);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t("petitions.form.kind")} rules={[{ required: true, message: t("form.required") }]}>
              <Radio.Group
                optionType="button"
                options={KINDS.map((k) => ({ value: k, label: t(`petitions.kind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="channel" label={t("petitions.form.channel")} rules={[{ required: true, message: t("form.required") }]}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: t(`petitions.channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="receiving_unit_id" label={t("petitions.form.receivingUnit")} rules={[{ required: true, message: t("form.required") }]}>
              <UnitPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="received_on" label={t("petitions.form.receivedOn")} rules={[{ required: true, message: t("form.required") }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} disabledDate={isAfterToday} />
            </Form.Item>
          </Col>
          {ReceptionPicker && (
            <Col xs={24} md={12}>
              <Form.Item name="reception_id" label={t("petitions.form.reception")} extra={t("petitions.form.receptionHint")}>
                <ReceptionPicker unitId={unitId} />
              </Form.Item>
            </Col>
          )}
          {kind === "complaint" && (
            <Col xs={24} md={12}>
              <Form.Item
                name="contested_decision_known_on"
                label={t("petitions.form.contestedDecisionKnownOn")}
                extra={t("petitions.form.contestedDecisionHint")}
              >
                <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} disabledDate={isAfterToday} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="subject" label={t("petitions.form.subject")} rules={required(t("form.required"))}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="content" label={t("petitions.form.content")} rules={required(t("form.required"))}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <CategoryField />
          </Col>
          <Col xs={24} md={12}>
            <AuthorityField />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="complex" valuePropName="checked" extra={t("petitions.form.complexHint")}>
              <Checkbox>{t("petitions.form.complex")}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="head_count" label={t("petitions.form.headCount")} extra={t("petitions.form.headCountHint")}>
              <InputNumber min={1} max={100000} style={{ width: 160 }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {denunciation ? t("petitions.form.denouncers") : t("petitions.form.petitioners")}
        </Divider>
        {denunciation && (
          <Alert
            type="warning"
            showIcon
            icon={<LockOutlined />}
            title={t("petitions.form.confidentialTitle")}
            description={t("petitions.form.confidentialText")}
            style={{ marginBottom: 16 }}
          />
        )}
        {denunciation && people.length === 0 && (
          <Alert type="info" showIcon title={t("petitions.form.anonymous")} style={{ marginBottom: 16 }} />
        )}
        <PetitionerRows denunciation={denunciation} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t("petitions.form.referenceHint")}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
