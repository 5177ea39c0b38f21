import { useMemo, useState } from "react";
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Space, Table, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import { useCreateReorganization } from "../api/create-reorganization";
import { useVersionedUnit } from "../api/get-unit";
import { useAllUnitChildren } from "../api/list-unit-children";
import type { CodeSystem, ReorganizationCreate, ReorganizationRead, UnitKind, UnitRead } from "../api/types";
import { sameLevelKinds } from "../unit-rules";
import { CODE_PATTERN } from "./unit-form";
import {
  buildReorganization,
  REORGANIZATION_KINDS,
  reorganizationFieldResolver,
  unassignedChildren,
  type FormReorganizationKind,
  type ReorganizationFormValues,
  type SuccessorValues,
} from "./reorganization-form";
import { UnitName } from "./UnitName";
import { UnitSearchSelect } from "./UnitSearchSelect";

const CODE_SYSTEMS: CodeSystem[] = ["decision_19_2025", "decision_124_2004"];

type Props = { unit: UnitRead; onClose: () => void; onDone: (reorganization: ReorganizationRead) => void };

function defaultSuccessors(kind: FormReorganizationKind, unit: UnitRead): SuccessorValues[] {
  const fresh: SuccessorValues = { mode: "new", kind: unit.kind, code_system: unit.code_system };
  switch (kind) {
    case "merge":
      return [{ ...fresh }];
    case "split":
      return [{ ...fresh }, { ...fresh }];
    case "rename":
      return [{ mode: "existing", name: unit.name }];
    case "change_kind":
      return [{ mode: "existing" }];
  }
}

/**
 * Record a merge (several units into one new or existing unit), a split (one into several), a
 * rename or a change of kind, starting from the selected unit. The API applies it atomically.
 */
export function ReorganizationModal({ unit, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReorganizationFormValues>();
  const create = useCreateReorganization();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const kind = Form.useWatch("kind", form) ?? "merge";
  const predecessorIds = Form.useWatch("predecessor_ids", form) ?? [unit.id];
  const successors = Form.useWatch("successors", form) ?? [];
  // New successors take the first predecessor's place in the hierarchy and its level of kinds.
  const first = useVersionedUnit(predecessorIds[0] ?? null);
  const base = first.data?.unit ?? unit;
  const levelKinds = sameLevelKinds(base.kind);
  const splitting = kind === "split" ? (predecessorIds[0] ?? null) : null;
  const children = useAllUnitChildren(splitting);

  const kindOptions = useMemo(() => levelKinds.map((k) => ({ value: k, label: t(`units.kind.${k}`) })), [levelKinds, t]);

  const onValuesChange = (changed: Partial<ReorganizationFormValues>) => {
    if (changed.kind) {
      form.setFieldsValue({ successors: defaultSuccessors(changed.kind, unit), predecessor_ids: [predecessorIds[0] ?? unit.id], child_moves: {} });
      form.setFields([{ name: "predecessor_ids", errors: [] }]);
    }
  };

  const submit = async (v: ReorganizationFormValues) => {
    setGeneral(null);
    const missing = unassignedChildren(v, (children.data ?? []).map((c) => c.id));
    if (missing.length > 0) {
      form.setFields(missing.map((id) => ({ name: ["child_moves", id], errors: [t("units.reorganize.childNeedsParent")] })));
      setGeneral(t("units.reorganize.childrenUnassigned", { count: missing.length }));
      return;
    }
    let body: ReorganizationCreate | null = null;
    try {
      body = buildReorganization(v, { newUnitParentId: base.parent_id });
      onDone(await create.mutateAsync({ body, idempotencyKey }));
    } catch (err) {
      const resolver = body ? reorganizationFieldResolver(body, v) : () => undefined;
      const { fields, general } = formFailure(err, resolver, t, errorMessage(t, err));
      // The resolver yields name paths of this form (reorganization-form.test.ts pins them).
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  const successorLabel = (i: number) => {
    const s = successors[i];
    const name = s?.mode === "existing" && s.unit_id ? <UnitName unitId={s.unit_id} /> : s?.name || "…";
    return (
      <>
        {i + 1}. {name}
      </>
    );
  };

  return (
    <Modal
      open
      title={t("units.reorganize.title", { name: unit.name })}
      okText={t("units.reorganize.submit")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={780}
    >
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 16 }} role="alert" />}
      <Form<ReorganizationFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        disabled={create.isPending}
        initialValues={{
          kind: "merge",
          predecessor_ids: [unit.id],
          successors: defaultSuccessors("merge", unit),
          effective_date: dayjs(),
          child_moves: {},
        }}
      >
        <Form.Item name="kind" label={t("units.reorganize.kind")} extra={t(`units.reorganize.kindHint.${kind}`)}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={REORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`units.reorg.${k}`) }))}
          />
        </Form.Item>

        {kind === "merge" ? (
          <Form.Item
            name="predecessor_ids"
            label={t("units.reorganize.mergedUnits")}
            extra={t("units.reorganize.mergedUnitsHint")}
            rules={[{ type: "array", required: true, min: 2, message: t("units.reorganize.atLeastTwo") }]}
          >
            <UnitSearchSelect multiple known={[unit]} />
          </Form.Item>
        ) : (
          <Form.Item
            name="predecessor_ids"
            label={kind === "split" ? t("units.reorganize.splitUnit") : t("units.reorganize.unit")}
            rules={[{ type: "array", required: true, min: 1, message: t("form.required") }]}
            getValueProps={(v: string[] | undefined) => ({ value: v?.[0] })}
            normalize={(v: string | null) => (v ? [v] : [])}
          >
            <UnitSearchSelect known={[unit]} />
          </Form.Item>
        )}

        {kind === "rename" && (
          <Form.Item
            name={["successors", 0, "name"]}
            label={t("units.reorganize.newName")}
            rules={[
              { required: true, whitespace: true, message: t("form.required") },
              { max: 255, message: t("form.maxLength", { count: 255 }) },
            ]}
          >
            <Input />
          </Form.Item>
        )}

        {kind === "change_kind" && (
          <Form.Item name={["successors", 0, "kind"]} label={t("units.reorganize.newKind")} rules={[{ required: true, message: t("form.required") }]}>
            <Select options={kindOptions.filter((o) => o.value !== base.kind)} />
          </Form.Item>
        )}

        {(kind === "merge" || kind === "split") && (
          <Form.List
            name="successors"
            rules={[
              {
                validator: async (_, value?: SuccessorValues[]) => {
                  if (kind === "split" && (value?.length ?? 0) < 2) throw new Error(t("units.reorganize.atLeastTwoSuccessors"));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Space direction="vertical" style={{ width: "100%", marginBottom: 16 }}>
                <Typography.Text strong>{kind === "merge" ? t("units.reorganize.mergedInto") : t("units.reorganize.splitInto")}</Typography.Text>
                {fields.map((field) => (
                  <SuccessorCard
                    key={field.key}
                    index={field.name}
                    title={kind === "split" ? t("units.reorganize.successorN", { n: field.name + 1 }) : undefined}
                    mode={successors[field.name]?.mode ?? "new"}
                    known={[unit]}
                    kindOptions={kindOptions}
                    onRemove={kind === "split" && fields.length > 2 ? () => remove(field.name) : undefined}
                  />
                ))}
                {kind === "split" && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ mode: "new", kind: base.kind, code_system: base.code_system })}>
                    {t("units.reorganize.addSuccessor")}
                  </Button>
                )}
                <Form.ErrorList errors={errors} />
              </Space>
            )}
          </Form.List>
        )}

        {kind === "split" && (children.data?.length ?? 0) > 0 && (
          <>
            <Typography.Text strong>{t("units.reorganize.childMoves")}</Typography.Text>
            <Typography.Paragraph type="secondary">{t("units.reorganize.childMovesHint")}</Typography.Paragraph>
            <Table<UnitRead>
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ y: 240 }}
              dataSource={children.data}
              columns={[
                { title: t("units.reorganize.child"), dataIndex: "name" },
                {
                  title: t("units.reorganize.newParent"),
                  key: "move",
                  width: 300,
                  render: (_: unknown, c: UnitRead) => (
                    <Form.Item name={["child_moves", c.id]} style={{ margin: 0 }}>
                      <Select
                        allowClear
                        aria-label={t("units.reorganize.newParentOf", { name: c.name })}
                        placeholder={t("units.reorganize.pickSuccessor")}
                        options={successors.map((_, i) => ({ value: i, label: successorLabel(i) }))}
                      />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </>
        )}
        {kind === "split" && children.isError && <Alert type="error" showIcon message={errorMessage(t, children.error)} />}

        <Row gutter={12} style={{ marginTop: 16 }}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="effective_date"
              label={t("units.effectiveDate")}
              extra={t("units.reorganize.effectiveDateHint")}
              rules={[{ required: true, message: t("form.required") }]}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} disabledDate={isAfterToday} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="legal_basis"
              label={t("units.legalBasis")}
              rules={[
                { required: true, whitespace: true, message: t("form.required") },
                { max: 255, message: t("form.maxLength", { count: 255 }) },
              ]}
            >
              <Input placeholder={t("units.reorganize.legalBasisPlaceholder")} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t("units.reorganize.note")} rules={[{ max: 2000, message: t("form.maxLength", { count: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type SuccessorCardProps = {
  index: number;
  title?: string;
  mode: SuccessorValues["mode"];
  known: UnitRead[];
  kindOptions: { value: UnitKind; label: string }[];
  onRemove?: () => void;
};

/** One successor: a unit this reorganization creates, or an existing unit that continues (optionally renamed). */
function SuccessorCard({ index, title, mode, known, kindOptions, onRemove }: SuccessorCardProps) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={title}
      extra={onRemove && <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t("units.reorganize.removeSuccessor", { n: index + 1 })} />}
    >
      <Form.Item name={[index, "mode"]} style={{ marginBottom: 12 }}>
        <Radio.Group
          options={[
            { value: "new", label: t("units.reorganize.newUnit") },
            { value: "existing", label: t("units.reorganize.existingUnit") },
          ]}
        />
      </Form.Item>
      {mode === "existing" ? (
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name={[index, "unit_id"]} label={t("units.reorganize.keptUnit")} rules={[{ required: true, message: t("form.required") }]}>
              <UnitSearchSelect known={known} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name={[index, "name"]} label={t("units.reorganize.renameTo")} rules={[{ max: 255, message: t("form.maxLength", { count: 255 }) }]}>
              <Input placeholder={t("units.reorganize.keepName")} />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <>
          <Row gutter={12}>
            <Col xs={24} sm={14}>
              <Form.Item
                name={[index, "name"]}
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
                name={[index, "code"]}
                label={t("units.code")}
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
              <Form.Item name={[index, "kind"]} label={t("units.kindLabel")} rules={[{ required: true, message: t("form.required") }]}>
                <Select options={kindOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={[index, "code_system"]} label={t("units.codeSystem")}>
                <Select
                  allowClear
                  placeholder={t("units.form.noCodeSystem")}
                  options={CODE_SYSTEMS.map((c) => ({ value: c, label: t(`units.codeSystemName.${c}`) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
