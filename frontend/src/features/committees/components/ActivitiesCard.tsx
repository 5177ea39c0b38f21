import { useState } from "react";
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { formFailure } from "../../../lib/form-errors";
import { formatDate, isAfterToday } from "../../../lib/format";
import { useActivities, useWriteActivity } from "../api/activities";
import { ACTIVITY_KINDS, PLAN_PERIODS, SUBJECT_KINDS, type ActivityKind, type ActivityRead, type PlanPeriod, type SubjectKind } from "../api/types";
import { byDate, lateNoticeText, noticeOf } from "../work";
import { ActivityFiles } from "./ActivityFiles";
import { problemText } from "./problem";

type Props = { committeeId: string; canWrite: boolean };

/**
 * The committee's plans and its supervisions and inspections, latest first, each activity with the
 * notice of its plan counted in working days and a "late notice" badge citing the rule (Decree
 * 59/2023/NĐ-CP, Art. 14) when the API flags it, and its files (the plan as sent, the minutes, the
 * findings' evidence) behind a toggle; a writer records and corrects them, and attaches and removes files.
 */
export function ActivitiesCard({ committeeId, canWrite }: Props) {
  const { t } = useTranslation();
  const activities = useActivities(committeeId);
  const [editing, setEditing] = useState<ActivityRead | "new" | null>(null);
  const none = t("committees.page.none");

  const columns: TableColumnType<ActivityRead>[] = [
    { title: t("committees.activities.date"), key: "date", render: (_: unknown, a) => formatDate(a.dated_on) },
    { title: t("committees.activities.kind"), key: "kind", render: (_: unknown, a) => <Tag>{t(`committees.activityKind.${a.kind}`)}</Tag> },
    {
      title: t("committees.activities.subject"),
      key: "subject",
      render: (_: unknown, a) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{a.title}</Typography.Text>
          {a.kind === "plan" ? (
            <Typography.Text type="secondary">
              {a.period ? t(`committees.period.${a.period}`) : ""} {formatDate(a.period_starts_on)} – {formatDate(a.period_ends_on)}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">
              {a.subject_kind ? t(`committees.subjectKind.${a.subject_kind}`) : ""}
              {a.subject_description ? `: ${a.subject_description}` : ""}
            </Typography.Text>
          )}
          <ActivityFiles activity={{ committeeId, activityId: a.id }} canWrite={canWrite} />
        </Space>
      ),
    },
    { title: t("committees.activities.plannedOn"), key: "planned", render: (_: unknown, a) => (a.planned_on ? formatDate(a.planned_on) : none) },
    { title: t("committees.activities.heldOn"), key: "held", render: (_: unknown, a) => (a.held_on ? formatDate(a.held_on) : none) },
    {
      title: t("committees.activities.notice"),
      key: "notice",
      render: (_: unknown, a) => {
        const n = noticeOf(a);
        if (!n) return none;
        return (
          <Space orientation="vertical" size={0}>
            <Typography.Text>
              {formatDate(n.sentOn)}
              {n.workingDays !== null ? ` · ${t("committees.activities.workingDays", { count: n.workingDays })}` : ""}
            </Typography.Text>
            {n.late ? (
              <>
                <Tooltip title={lateNoticeText(t, n)}>
                  <Tag color="red">{t("committees.activities.late")}</Tag>
                </Tooltip>
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {lateNoticeText(t, n)}
                </Typography.Text>
              </>
            ) : (
              n.workingDays !== null && n.required !== null && <Tag color="green">{t("committees.activities.onTime")}</Tag>
            )}
          </Space>
        );
      },
    },
    ...(canWrite
      ? [
          {
            title: "",
            key: "actions",
            render: (_: unknown, a: ActivityRead) => (
              <Button size="small" type="link" onClick={() => setEditing(a)} aria-label={`${t("committees.activities.edit")}: ${a.title}`}>
                {t("committees.activities.edit")}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t("committees.activities.title")}
      extra={
        canWrite && (
          <Button size="small" onClick={() => setEditing("new")}>
            {t("committees.activities.add")}
          </Button>
        )
      }
    >
      {activities.isError && <Alert type="error" showIcon title={problemText(t, activities.error, undefined)} />}
      <Table<ActivityRead>
        size="small"
        rowKey="id"
        loading={activities.isPending}
        dataSource={byDate(activities.data ?? [])}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t("committees.activities.none") }}
        aria-label={t("committees.activities.title")}
      />
      {editing && <ActivityModal committeeId={committeeId} activity={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

type Values = {
  kind: ActivityKind;
  title: string;
  period?: PlanPeriod | null;
  period_starts_on?: Dayjs | null;
  period_ends_on?: Dayjs | null;
  subject_kind?: SubjectKind | null;
  subject_description?: string;
  planned_on?: Dayjs | null;
  notice_sent_on?: Dayjs | null;
  held_on?: Dayjs | null;
  findings?: string;
  notes?: string;
};
const FIELDS = [
  "kind",
  "title",
  "period",
  "period_starts_on",
  "period_ends_on",
  "subject_kind",
  "subject_description",
  "planned_on",
  "notice_sent_on",
  "held_on",
  "findings",
  "notes",
] as const;
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const text = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);
const parse = (v: string | null) => (v ? dayjs(v) : null);

/** A plan or an activity, new (`activity` null) or corrected; the API's refusals next to the fields and above the form. */
function ActivityModal({ committeeId, activity, onClose }: { committeeId: string; activity: ActivityRead | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const write = useWriteActivity(committeeId);
  const [general, setGeneral] = useState<string | null>(null);
  const kind = Form.useWatch("kind", form) ?? activity?.kind ?? "supervision";
  const required = [{ required: true, message: t("committees.form.required") }];
  const title = activity ? t("committees.activities.editTitle") : t("committees.activities.add");

  const submit = async (v: Values) => {
    setGeneral(null);
    const plan = v.kind === "plan";
    const fields = {
      title: v.title.trim(),
      period: plan ? (v.period ?? null) : null,
      period_starts_on: plan ? day(v.period_starts_on) : null,
      period_ends_on: plan ? day(v.period_ends_on) : null,
      subject_kind: plan ? null : (v.subject_kind ?? null),
      subject_description: plan ? null : text(v.subject_description),
      planned_on: plan ? null : day(v.planned_on),
      notice_sent_on: plan ? null : day(v.notice_sent_on),
      held_on: plan ? null : day(v.held_on),
      findings: text(v.findings),
      notes: text(v.notes),
    };
    try {
      await write.mutateAsync(activity ? { activityId: activity.id, body: fields } : { activityId: null, body: { ...fields, kind: v.kind } });
      onClose();
    } catch (err) {
      const { fields: errors, general: g } = formFailure(err, FIELDS, t, problemText(t, err, undefined));
      form.setFields(errors as Parameters<typeof form.setFields>[0]);
      setGeneral(g);
    }
  };

  const initial: Partial<Values> = activity
    ? {
        kind: activity.kind,
        title: activity.title,
        period: activity.period,
        period_starts_on: parse(activity.period_starts_on),
        period_ends_on: parse(activity.period_ends_on),
        subject_kind: activity.subject_kind,
        subject_description: activity.subject_description ?? undefined,
        planned_on: parse(activity.planned_on),
        notice_sent_on: parse(activity.notice_sent_on),
        held_on: parse(activity.held_on),
        findings: activity.findings ?? undefined,
        notes: activity.notes ?? undefined,
      }
    : { kind: "supervision" };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.members.save")}
      cancelText={t("committees.members.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={640}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="kind" label={t("committees.activities.kind")} rules={required}>
          <Select disabled={activity !== null} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`committees.activityKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t("committees.activities.titleField")} rules={[...required, { whitespace: true, message: t("committees.form.required") }]}>
          <Input maxLength={300} />
        </Form.Item>
        {kind === "plan" ? (
          <>
            <Form.Item name="period" label={t("committees.activities.period")} rules={required}>
              <Select options={PLAN_PERIODS.map((p) => ({ value: p, label: t(`committees.period.${p}`) }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="period_starts_on" label={t("committees.activities.periodStartsOn")} rules={required}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
              <Form.Item name="period_ends_on" label={t("committees.activities.periodEndsOn")} rules={required}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            </Space>
          </>
        ) : (
          <>
            <Form.Item name="subject_kind" label={t("committees.activities.subjectKind")} rules={required}>
              <Select options={SUBJECT_KINDS.map((k) => ({ value: k, label: t(`committees.subjectKind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="subject_description" label={t("committees.activities.subjectDescription")}>
              <Input maxLength={2000} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="planned_on" label={t("committees.activities.plannedOn")} rules={required}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
              <Form.Item name="notice_sent_on" label={t("committees.activities.noticeSentOn")} extra={t("committees.activities.noticeHint")}>
                <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
              </Form.Item>
              <Form.Item name="held_on" label={t("committees.activities.heldOn")}>
                <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item name="findings" label={t("committees.activities.findings")}>
          <Input.TextArea rows={2} maxLength={20000} />
        </Form.Item>
        <Form.Item name="notes" label={t("committees.activities.notes")}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
