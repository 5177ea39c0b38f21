import { useState } from "react";
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { useCreateUnit } from "../api/create-unit";
import { useVersionedUnit, type VersionedUnit } from "../api/get-unit";
import { useUpdateUnit } from "../api/update-unit";
import type { CodeSystem, UnitKind, UnitRead } from "../api/types";
import { kindsUnder } from "../unit-rules";
import {
  CODE_PATTERN,
  ELECTRONIC_ID_PATTERN,
  unitCreatePayload,
  unitFieldResolver,
  unitFormValues,
  unitUpdatePayload,
  type UnitFormValues,
} from "./unit-form";

const CODE_SYSTEMS: CodeSystem[] = ["decision_19_2025", "decision_124_2004"];

// Districts were abolished on 1 July 2025: a new unit under a province is a commune-level one.
const defaultKind = (kinds: UnitKind[]) => kinds.find((k) => k !== "district") ?? kinds[0];

type Props =
  | { mode: "create"; parent: UnitRead; open: boolean; onClose: () => void; onDone: (unit: UnitRead) => void }
  | { mode: "edit"; unit: VersionedUnit; open: boolean; onClose: () => void; onDone: (unit: UnitRead) => void };

/** Create a child of the selected unit, or edit a unit (PATCH with the If-Match of the copy shown). */
export function UnitFormModal(props: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UnitFormValues>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const editing = props.mode === "edit" ? props.unit : null;
  // The kinds the parent accepts: the new unit's parent is the selected unit, an edited unit's is its own.
  const parentId = props.mode === "create" ? props.parent.id : props.unit.unit.parent_id;
  const parent = useVersionedUnit(props.mode === "create" ? null : parentId);
  const parentKind: UnitKind | null | undefined =
    props.mode === "create" ? props.parent.kind : parentId === null ? null : parent.data?.unit.kind;
  const kinds = parentKind === undefined ? [] : kindsUnder(parentKind);
  if (editing && !kinds.includes(editing.unit.kind)) kinds.unshift(editing.unit.kind);
  const pending = create.isPending || update.isPending;

  const close = () => {
    form.resetFields();
    setGeneral(null);
    create.reset();
    update.reset();
    setIdempotencyKey(crypto.randomUUID());
    props.onClose();
  };

  const submit = async (v: UnitFormValues) => {
    setGeneral(null);
    try {
      let saved: UnitRead;
      if (props.mode === "create") {
        saved = await create.mutateAsync({ body: unitCreatePayload(v, props.parent.id), idempotencyKey });
      } else {
        const body = unitUpdatePayload(props.unit.unit, v);
        saved =
          Object.keys(body).length === 0
            ? props.unit.unit
            : (await update.mutateAsync({ unitId: props.unit.unit.id, body, etag: props.unit.etag })).unit;
      }
      close();
      props.onDone(saved);
    } catch (err) {
      const { fields, general } = formFailure(err, unitFieldResolver, t, errorMessage(t, err));
      form.setFields(fields);
      setGeneral(general);
    }
  };

  const title =
    props.mode === "create"
      ? t("units.form.createTitle", { parent: props.parent.name })
      : t("units.form.editTitle", { name: props.unit.unit.name });

  return (
    <Modal
      open={props.open}
      title={title}
      okText={props.mode === "create" ? t("common.create") : t("common.save")}
      cancelText={t("common.cancel")}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
      width={640}
    >
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 16 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={editing ? unitFormValues(editing.unit) : { kind: defaultKind(kinds), remote_area: false }}
        disabled={pending}
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="name"
              label={t("units.form.name")}
              rules={[
                { required: true, whitespace: true, message: t("form.required") },
                { max: 255, message: t("form.maxLength", { count: 255 }) },
              ]}
            >
              <Input placeholder={t("units.form.namePlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item
              name="code"
              label={t("units.code")}
              extra={t("units.form.codeHint")}
              rules={[
                { required: true, whitespace: true, message: t("form.required") },
                { max: 35, message: t("form.maxLength", { count: 35 }) },
                { pattern: CODE_PATTERN, message: t("units.form.codePattern") },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="kind" label={t("units.kindLabel")} rules={[{ required: true, message: t("form.required") }]}>
              <Select
                loading={parentKind === undefined && parent.isPending}
                options={kinds.map((k) => ({ value: k, label: t(`units.kind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="code_system" label={t("units.codeSystem")}>
              <Select
                allowClear
                placeholder={t("units.form.noCodeSystem")}
                options={CODE_SYSTEMS.map((c) => ({ value: c, label: t(`units.codeSystemName.${c}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="valid_from" label={t("units.form.validFrom")}>
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} placeholder={t("form.datePlaceholder")} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="electronic_id"
              label={t("units.form.electronicId")}
              rules={[{ pattern: ELECTRONIC_ID_PATTERN, message: t("units.form.electronicIdPattern") }]}
            >
              <Input autoComplete="off" placeholder="000.00.01.H22" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="latitude" label={t("units.form.latitude")}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="longitude" label={t("units.form.longitude")}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="remote_area" label={t("units.form.remoteArea")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
