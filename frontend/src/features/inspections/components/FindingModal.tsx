import { useState } from "react";
import { Alert, App, Form, Input, Modal, Radio, Select } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import type { VersionedTeam } from "../api/get-team";
import { useTopics } from "../api/list-topics";
import { useSaveFinding } from "../api/save-finding";
import { SEVERITIES, type FindingRead } from "../api/types";
import {
  buildFindingCreate,
  buildFindingUpdate,
  findingFieldResolver,
  findingInitialValues,
  type FindingFormValues,
} from "../finding-form";
import { problemMessage, withFieldErrors } from "../labels";

type Props = {
  versioned: VersionedTeam;
  /** The finding to correct, or null for a new one. */
  finding: FindingRead | null;
  /** The target a new finding is about (preselected). */
  targetId: string | null;
  onClose: () => void;
};

/** Record or correct what the team found at one of its targets about one topic. */
export function FindingModal({ versioned, finding, targetId, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FindingFormValues>();
  const save = useSaveFinding();
  const topics = useTopics();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const team = versioned.team;
  const language = i18n.resolvedLanguage ?? "vi";
  const chosenTarget = Form.useWatch("target_id", form) ?? finding?.target_id ?? targetId;
  const unitName = team.targets.find((x) => x.id === chosenTarget)?.unit.name ?? "";
  // A new name must be an active topic; a finding keeps a topic deactivated after it was named.
  const topicOptions = (topics.data ?? [])
    .filter((x) => x.active || x.code === finding?.topic)
    .map((x) => ({ value: x.code, label: language === "en" ? x.name_en : x.name_vi }));

  const submit = async (values: FindingFormValues) => {
    setGeneral(null);
    try {
      if (finding) {
        const update = buildFindingUpdate(finding, values);
        if (update === null) {
          void message.info(t("inspections.finding.unchanged"));
          onClose();
          return;
        }
        await save.mutateAsync({ teamId: team.id, etag: versioned.etag, findingId: finding.id, update });
        void message.success(t("inspections.finding.updated"));
      } else {
        await save.mutateAsync({ teamId: team.id, etag: versioned.etag, create: buildFindingCreate(values), idempotencyKey });
        void message.success(t("inspections.finding.created"));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("inspections.finding.stale"));
        return;
      }
      const { fields, general } = formFailure(err, findingFieldResolver, withFieldErrors(t), problemMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={t(finding ? "inspections.finding.edit" : "inspections.finding.add", { unit: unitName })}
      okText={t("inspections.finding.save")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<FindingFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={save.isPending}
        initialValues={findingInitialValues(finding, targetId)}
      >
        <Form.Item name="target_id" label={t("inspections.finding.target")} rules={[{ required: true, message: t("form.required") }]}>
          <Select options={team.targets.map((x) => ({ value: x.id, label: x.unit.name }))} />
        </Form.Item>
        <Form.Item name="topic" label={t("inspections.finding.topic")} rules={[{ required: true, message: t("form.required") }]}>
          <Select options={topicOptions} loading={topics.isPending} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Form.Item name="severity" label={t("inspections.finding.severity")} rules={[{ required: true, message: t("form.required") }]}>
          <Radio.Group
            optionType="button"
            options={SEVERITIES.map((s) => ({ value: s, label: t(`inspections.severity.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t("inspections.finding.description")}
          rules={[{ required: true, whitespace: true, message: t("form.required") }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
