import { useMemo, useState } from "react";
import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import type { FindingRead, TeamRead } from "../api/types";
import { useCreateRecommendation } from "../api/write-recommendation";
import { problemMessage, withFieldErrors } from "../labels";
import type { UnitPicker } from "./slots";
import { buildRecommendationCreate, ownerOptions, recommendationFieldResolver, type RecommendationFormValues } from "../recommendation";

type Props = {
  team: TeamRead;
  findings: readonly FindingRead[] | undefined;
  /** Picks another unit of the organiser's subtree than those visited (the API checks it: owner_outside_organiser). */
  UnitPicker?: UnitPicker;
  onClose: () => void;
};

/** Issue one recommendation of the team's conclusion: to whom, what, by when (a date or N days from the conclusion). */
export function IssueRecommendationModal({ team, findings, UnitPicker, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecommendationFormValues>();
  const create = useCreateRecommendation();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const mode = Form.useWatch("due_mode", form) ?? "date";
  const [otherUnit, setOtherUnit] = useState(false);
  const owners = useMemo(() => ownerOptions(team), [team]);
  const unitName = useMemo(() => new Map(team.targets.map((x) => [x.id, x.unit.name])), [team]);
  const minDay = team.conclusion_date ? dayjs(team.conclusion_date) : null;

  const submit = async (v: RecommendationFormValues) => {
    setGeneral(null);
    try {
      await create.mutateAsync({ teamId: team.id, body: buildRecommendationCreate(v), idempotencyKey });
      void message.success(t("inspections.rec.issued"));
      onClose();
    } catch (err) {
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      const { fields, general } = formFailure(err, recommendationFieldResolver, withFieldErrors(t), problemMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={t("inspections.rec.issueTitle", { team: team.title })}
      okText={t("inspections.rec.issue")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<RecommendationFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ due_mode: "date", due_basis: "working" }}
      >
        <Form.Item name="owner_unit_id" label={t("inspections.rec.owner")} extra={t("inspections.rec.ownerHint")} rules={[{ required: true, message: t("form.required") }]}>
          {otherUnit && UnitPicker ? <UnitPicker /> : <Select options={owners} showSearch optionFilterProp="label" />}
        </Form.Item>
        {UnitPicker && (
          <Checkbox
            checked={otherUnit}
            onChange={(e) => {
              setOtherUnit(e.target.checked);
              form.setFieldValue("owner_unit_id", undefined);
            }}
            style={{ marginTop: -12, marginBottom: 16 }}
          >
            {t("inspections.rec.otherUnit")}
          </Checkbox>
        )}
        <Form.Item name="content" label={t("inspections.rec.content")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
        {findings && findings.length > 0 && (
          <Form.Item name="finding_id" label={t("inspections.rec.finding")}>
            <Select
              allowClear
              options={findings.map((f) => ({ value: f.id, label: `${unitName.get(f.target_id) ?? ""}: ${f.description}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="due_mode" label={t("inspections.rec.dueHow")}>
          <Radio.Group
            options={[
              { value: "date", label: t("inspections.rec.dueByDate") },
              { value: "days", label: t("inspections.rec.dueByDays") },
            ]}
          />
        </Form.Item>
        {mode === "date" ? (
          <Form.Item name="due_on" label={t("inspections.rec.dueOn")} rules={[{ required: true, message: t("form.required") }]}>
            <DatePicker
              format="DD/MM/YYYY"
              style={{ width: "100%" }}
              disabledDate={(d: Dayjs) => minDay !== null && d.isBefore(minDay, "day")}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="due_days"
              label={t("inspections.rec.dueDays")}
              extra={t("inspections.rec.dueDaysHint")}
              rules={[{ required: true, message: t("form.required") }]}
            >
              <InputNumber min={1} max={3650} style={{ width: "100%" }} />
            </Form.Item>
            <Form.Item name="due_basis" label={t("inspections.rec.dueBasis")}>
              <Radio.Group
                options={[
                  { value: "working", label: t("inspections.rec.basis.working") },
                  { value: "calendar", label: t("inspections.rec.basis.calendar") },
                ]}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
