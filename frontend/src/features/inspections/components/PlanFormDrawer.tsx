import { useState } from "react";
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import { usePlan } from "../api/get-plan";
import { useTopics } from "../api/list-topics";
import { PLAN_ISSUERS, PLAN_KINDS, type PlanRead } from "../api/types";
import { useCreatePlan, useUpdatePlan } from "../api/write-plan";
import { keepOpenOnEnter, problemMessage, withFieldErrors } from "../labels";
import { buildPlanCreate, buildPlanUpdate, planFieldResolver, planInitialValues, type PlanFormValues } from "../plan-form";
import type { UnitPicker } from "./slots";

type Props = {
  /** The plan to correct, or null for a new one. */
  planId: string | null;
  /** The reader's own unit, the organiser a new plan starts with (null: nationwide). */
  ownUnitId: string | null;
  UnitPicker: UnitPicker;
  onClose: () => void;
};

/** Record a plan, or correct one (only what changed, with If-Match: a change meanwhile is shown, not overwritten). */
export function PlanFormDrawer({ planId, ownUnitId, UnitPicker, onClose }: Props) {
  const { t } = useTranslation();
  const plan = usePlan(planId);
  const title = planId ? t("inspections.planForm.editTitle") : t("inspections.planForm.createTitle");
  return (
    <Drawer open title={title} onClose={onClose} size={720} destroyOnHidden>
      {/* Data first: a background refetch failing while the plan is being corrected keeps the form. */}
      {planId && !plan.data ? (
        plan.isError ? (
          <Alert type="error" showIcon title={problemMessage(t, plan.error)} />
        ) : (
          <Skeleton active paragraph={{ rows: 8 }} />
        )
      ) : (
        <PlanForm plan={plan.data?.plan ?? null} etag={plan.data?.etag ?? null} ownUnitId={ownUnitId} UnitPicker={UnitPicker} onClose={onClose} />
      )}
    </Drawer>
  );
}

function PlanForm({
  plan,
  etag,
  ownUnitId,
  UnitPicker,
  onClose,
}: {
  plan: PlanRead | null;
  etag: string | null;
  ownUnitId: string | null;
  UnitPicker: UnitPicker;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const topics = useTopics();
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const language = i18n.resolvedLanguage ?? "vi";
  const pending = create.isPending || update.isPending;
  // A new plan names active topics; a plan keeps a topic deactivated since it named it.
  const topicOptions = (topics.data ?? [])
    .filter((x) => x.active || plan?.topics.includes(x.code))
    .map((x) => ({ value: x.code, label: language === "en" ? x.name_en : x.name_vi }));

  const submit = async (v: PlanFormValues) => {
    setGeneral(null);
    setStale(false);
    try {
      if (plan) {
        const body = buildPlanUpdate(plan, v);
        if (body === null) {
          void message.info(t("inspections.planForm.unchanged"));
          onClose();
          return;
        }
        await update.mutateAsync({ planId: plan.id, body, etag });
        void message.success(t("inspections.planForm.saved"));
      } else {
        await create.mutateAsync({ body: buildPlanCreate(v), idempotencyKey });
        void message.success(t("inspections.planForm.created"));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        return;
      }
      const { fields, general } = formFailure(err, planFieldResolver, withFieldErrors(t), problemMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  const required = [{ required: true, message: t("form.required") }];
  const requiredText = [{ required: true, whitespace: true, message: t("form.required") }];
  return (
    <>
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t("inspections.planForm.staleTitle")}
          description={t("inspections.planForm.stale")}
          action={
            <Button
              size="small"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(planInitialValues(plan, ownUnitId));
                setStale(false);
              }}
            >
              {t("inspections.planForm.loadLatest")}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<PlanFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onKeyDown={keepOpenOnEnter}
        disabled={pending}
        initialValues={planInitialValues(plan, ownUnitId)}
      >
        <Form.Item name="title" label={t("inspections.planForm.title")} rules={requiredText}>
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="year" label={t("inspections.planForm.year")} rules={required}>
              <InputNumber min={2000} max={2100} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="kind" label={t("inspections.planForm.kind")} rules={required}>
              <Select options={PLAN_KINDS.map((k) => ({ value: k, label: t(`inspections.planKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="document_number" label={t("inspections.planForm.documentNumber")} rules={requiredText}>
              <Input maxLength={100} placeholder="12/KH-BCĐ" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issued_on" label={t("inspections.planForm.issuedOn")} rules={required}>
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="issuer" label={t("inspections.planForm.issuer")} rules={required}>
          <Select options={PLAN_ISSUERS.map((k) => ({ value: k, label: t(`inspections.issuer.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="organising_unit_id"
          label={t("inspections.planForm.organiser")}
          extra={t("inspections.planForm.organiserHint")}
          rules={required}
        >
          <UnitPicker known={plan?.organising_unit} />
        </Form.Item>
        <Form.Item name="topics" label={t("inspections.planForm.topics")}>
          <Select mode="multiple" options={topicOptions} loading={topics.isPending} optionFilterProp="label" allowClear />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {plan ? t("common.save") : t("inspections.planForm.create")}
          </Button>
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
        </Space>
      </Form>
    </>
  );
}
