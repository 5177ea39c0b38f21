import { useState } from "react";
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import type { VersionedTeam } from "../api/get-team";
import { useUpdateTarget } from "../api/update-target";
import { RATINGS, TARGET_STATUSES, type TargetRead } from "../api/types";
import { problemMessage, withFieldErrors } from "../labels";
import { buildVisitUpdate, visitFieldResolver, visitInitialValues, type VisitFormValues } from "../visit-form";

type Props = { versioned: VersionedTeam; target: TargetRead; onClose: () => void };

/** A visit's record: its state, days, the unit's self-assessment, the rating, notes and what the conclusion says of the unit. */
export function VisitModal({ versioned, target, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitFormValues>();
  const update = useUpdateTarget();
  const [general, setGeneral] = useState<string | null>(null);
  // The tag of the team as it was when the form opened, with the record the form starts from: a
  // change meanwhile by someone else is a 412, not a silent overwrite.
  const [etag] = useState(versioned.etag);
  const received = Form.useWatch("self_assessment_received", form) ?? target.self_assessment_received;
  const required = [{ required: true, message: t("form.required") }];

  const submit = async (values: VisitFormValues) => {
    setGeneral(null);
    const body = buildVisitUpdate(target, values);
    if (body === null) {
      void message.info(t("inspections.finding.unchanged"));
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ teamId: versioned.team.id, targetId: target.id, body, etag });
      void message.success(t("inspections.visit.saved"));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("inspections.finding.stale"));
        return;
      }
      const { fields, general } = formFailure(err, visitFieldResolver, withFieldErrors(t), problemMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  const datePicker = <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} disabledDate={(d: Dayjs) => isAfterToday(d)} />;
  return (
    <Modal
      open
      title={t("inspections.visit.title", { unit: target.unit.name })}
      okText={t("inspections.finding.save")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<VisitFormValues> form={form} layout="vertical" onFinish={submit} disabled={update.isPending} initialValues={visitInitialValues(target)}>
        <Form.Item name="status" label={t("inspections.targets.status")} rules={required}>
          <Select options={TARGET_STATUSES.map((s) => ({ value: s, label: t(`inspections.targetStatus.${s}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="visited_from" label={t("inspections.visit.from")}>
              {datePicker}
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="visited_to" label={t("inspections.visit.to")}>
              {datePicker}
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="self_assessment_received" valuePropName="checked">
          <Checkbox>{t("inspections.visit.selfAssessmentReceived")}</Checkbox>
        </Form.Item>
        {received && (
          <Form.Item name="self_assessment_received_on" label={t("inspections.visit.selfAssessmentOn")}>
            {datePicker}
          </Form.Item>
        )}
        <Form.Item name="rating" label={t("inspections.targets.rating")}>
          <Select allowClear options={RATINGS.map((r) => ({ value: r, label: t(`inspections.rating.${r}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t("inspections.targets.notes")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="conclusion" label={t("inspections.targets.conclusion")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
