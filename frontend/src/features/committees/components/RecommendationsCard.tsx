import { useState } from "react";
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formFailure } from "../../../lib/form-errors";
import { formatDate, isAfterToday } from "../../../lib/format";
import { usePetitionCategories, useRecommendations, useWriteRecommendation } from "../api/recommendations";
import { AUTHORITY_ANSWERS, type AuthorityAnswer, type CommitteeRead, type RecommendationRead } from "../api/types";
import { daysOverdue } from "../work";
import { problemText } from "./problem";
import type { UnitPicker } from "./slots";

type Props = {
  committee: CommitteeRead;
  canWrite: boolean;
  /** Also holds petitions:write: a recommendation can become a petition. */
  canPetition: boolean;
  UnitPicker: UnitPicker;
};

const STATUS_COLOR: Record<string, string> = { sent: "blue", answered: "gold", closed: "default" };

type Dialog = { kind: "new" } | { kind: "answer" | "close" | "petition"; rec: RecommendationRead };

/**
 * The committee's recommendations to the authority: content, addressee, sent, due (an overdue badge
 * when still unanswered after it), status and the authority's answer; a writer sends one, records
 * the answer, closes it, and turns one into a petition (kiến nghị), linked to the petition's page.
 */
export function RecommendationsCard({ committee, canWrite, canPetition, UnitPicker }: Props) {
  const { t } = useTranslation();
  const recs = useRecommendations(committee.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const today = dayjs().format("YYYY-MM-DD");
  const none = t("committees.page.none");

  const columns: TableColumnType<RecommendationRead>[] = [
    { title: t("committees.recommendations.content"), dataIndex: "content", render: (v: string) => <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{v}</Typography.Text> },
    { title: t("committees.recommendations.addressee"), key: "addressee", render: (_: unknown, r) => r.addressee_unit.name },
    { title: t("committees.recommendations.sentOn"), key: "sent", render: (_: unknown, r) => formatDate(r.sent_on) },
    {
      title: t("committees.recommendations.dueOn"),
      key: "due",
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          {formatDate(r.response_due_on)}
          {r.overdue && <Tag color="red">{t("committees.recommendations.overdue", { count: daysOverdue(r, today) })}</Tag>}
        </Space>
      ),
    },
    {
      title: t("committees.recommendations.status"),
      key: "status",
      render: (_: unknown, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`committees.recommendationStatus.${r.status}`)}</Tag>,
    },
    {
      title: t("committees.recommendations.answer"),
      key: "answer",
      render: (_: unknown, r) =>
        r.answer ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text>
              {t(`committees.answer.${r.answer}`)}
              {r.answered_on ? ` (${formatDate(r.answered_on)})` : ""}
            </Typography.Text>
            {r.answer_measures && <Typography.Text type="secondary">{r.answer_measures}</Typography.Text>}
            {r.follow_up && <Typography.Text type="secondary">{r.follow_up}</Typography.Text>}
            {r.closed_on && <Typography.Text type="secondary">{t("committees.recommendations.closedOn", { date: formatDate(r.closed_on) })}</Typography.Text>}
          </Space>
        ) : (
          none
        ),
    },
    {
      title: t("committees.recommendations.petition"),
      key: "petition",
      render: (_: unknown, r) =>
        r.petition_id ? (
          <Link to={`/petitions/${r.petition_id}`}>{t("committees.recommendations.openPetition")}</Link>
        ) : canWrite && canPetition ? (
          <Button size="small" type="link" onClick={() => setDialog({ kind: "petition", rec: r })}>
            {t("committees.recommendations.toPetition")}
          </Button>
        ) : (
          none
        ),
    },
    ...(canWrite
      ? [
          {
            title: "",
            key: "actions",
            render: (_: unknown, r: RecommendationRead) => (
              <Space size={0}>
                {r.allowed_actions.includes("answer") && (
                  <Button size="small" type="link" onClick={() => setDialog({ kind: "answer", rec: r })}>
                    {t("committees.recommendations.recordAnswer")}
                  </Button>
                )}
                {r.allowed_actions.includes("close") && (
                  <Button size="small" type="link" onClick={() => setDialog({ kind: "close", rec: r })}>
                    {t("committees.recommendations.close")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t("committees.recommendations.title")}
      extra={
        canWrite && (
          <Button size="small" onClick={() => setDialog({ kind: "new" })}>
            {t("committees.recommendations.add")}
          </Button>
        )
      }
    >
      {recs.isError && <Alert type="error" showIcon title={problemText(t, recs.error, undefined)} />}
      <Table<RecommendationRead>
        size="small"
        rowKey="id"
        loading={recs.isPending}
        dataSource={recs.data ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t("committees.recommendations.none") }}
        aria-label={t("committees.recommendations.title")}
      />
      {dialog && <RecommendationModal committee={committee} dialog={dialog} UnitPicker={UnitPicker} onClose={() => setDialog(null)} />}
    </Card>
  );
}

type Values = {
  content?: string;
  addressee_unit_id?: string;
  sent_on?: Dayjs | null;
  response_due_on?: Dayjs | null;
  answer?: AuthorityAnswer;
  answer_measures?: string;
  follow_up?: string;
  effective_on?: Dayjs | null;
  category?: string;
  received_on?: Dayjs | null;
};
const FIELDS = [
  "content",
  "addressee_unit_id",
  "sent_on",
  "response_due_on",
  "answer",
  "answer_measures",
  "follow_up",
  "effective_on",
  "category",
  "received_on",
] as const;
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);
const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** One form per step: a new recommendation, the authority's answer, the close, the petition it becomes. */
function RecommendationModal({ committee, dialog, UnitPicker, onClose }: { committee: CommitteeRead; dialog: Dialog; UnitPicker: UnitPicker; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const write = useWriteRecommendation(committee.id);
  const categories = usePetitionCategories(dialog.kind === "petition");
  const [general, setGeneral] = useState<string | null>(null);
  // One key per form opening: a retried submit after a lost response cannot act twice.
  const [key] = useState(() => crypto.randomUUID());
  const required = [{ required: true, message: t("committees.form.required") }];
  const titles = {
    new: t("committees.recommendations.add"),
    answer: t("committees.recommendations.recordAnswer"),
    close: t("committees.recommendations.close"),
    petition: t("committees.recommendations.toPetition"),
  };

  const submit = async (v: Values) => {
    setGeneral(null);
    try {
      if (dialog.kind === "new") {
        await write.mutateAsync({
          key, op: "create",
          body: {
            content: (v.content ?? "").trim(),
            addressee_unit_id: v.addressee_unit_id ?? committee.unit.id,
            sent_on: day(v.sent_on) ?? dayjs().format("YYYY-MM-DD"),
            response_due_on: day(v.response_due_on),
          },
        });
      } else if (dialog.kind === "answer") {
        await write.mutateAsync({
          key,
          op: "transition",
          id: dialog.rec.id,
          body: { action: "answer", answer: v.answer ?? null, answer_measures: text(v.answer_measures), effective_on: day(v.effective_on) },
        });
      } else if (dialog.kind === "close") {
        await write.mutateAsync({ key, op: "transition", id: dialog.rec.id, body: { action: "close", follow_up: text(v.follow_up), effective_on: day(v.effective_on) } });
      } else {
        await write.mutateAsync({ key, op: "petition", id: dialog.rec.id, body: { category: v.category ?? "", received_on: day(v.received_on) } });
      }
      onClose();
    } catch (err) {
      const { fields, general: g } = formFailure(err, FIELDS, t, problemText(t, err, undefined));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(g);
    }
  };

  const today = dayjs();
  return (
    <Modal
      open
      title={titles[dialog.kind]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.members.save")}
      cancelText={t("committees.members.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={600}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      {dialog.kind !== "new" && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }}>
          {dialog.rec.content}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={dialog.kind === "new" ? { addressee_unit_id: committee.unit.id, sent_on: today } : { effective_on: today }}
      >
        {dialog.kind === "new" && (
          <>
            <Form.Item name="content" label={t("committees.recommendations.content")} rules={[...required, { whitespace: true, message: t("committees.form.required") }]}>
              <Input.TextArea rows={3} maxLength={10000} />
            </Form.Item>
            <Form.Item name="addressee_unit_id" label={t("committees.recommendations.addressee")} extra={t("committees.recommendations.addresseeHint")} rules={required}>
              <UnitPicker placeholder={t("committees.recommendations.addressee")} known={committee.unit} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="sent_on" label={t("committees.recommendations.sentOn")} rules={required}>
                <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
              </Form.Item>
              <Form.Item name="response_due_on" label={t("committees.recommendations.dueOn")} extra={t("committees.recommendations.dueHint")}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            </Space>
          </>
        )}
        {dialog.kind === "answer" && (
          <>
            <Form.Item name="answer" label={t("committees.recommendations.answer")} rules={required}>
              <Select options={AUTHORITY_ANSWERS.map((a) => ({ value: a, label: t(`committees.answer.${a}`) }))} />
            </Form.Item>
            <Form.Item name="answer_measures" label={t("committees.recommendations.measures")}>
              <Input.TextArea rows={2} maxLength={10000} />
            </Form.Item>
            <Form.Item name="effective_on" label={t("committees.recommendations.answeredOn")} rules={required}>
              <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
            </Form.Item>
          </>
        )}
        {dialog.kind === "close" && (
          <>
            <Form.Item name="follow_up" label={t("committees.recommendations.followUp")}>
              <Input.TextArea rows={2} maxLength={10000} />
            </Form.Item>
            <Form.Item name="effective_on" label={t("committees.recommendations.closedOnField")} rules={required}>
              <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
            </Form.Item>
          </>
        )}
        {dialog.kind === "petition" && (
          <>
            <Form.Item name="category" label={t("committees.recommendations.category")} rules={required}>
              <Select
                loading={categories.isPending}
                options={(categories.data ?? [])
                  .filter((c) => c.active)
                  .map((c) => ({ value: c.code, label: i18n.language === "en" ? c.name_en : c.name_vi }))}
              />
            </Form.Item>
            <Form.Item name="received_on" label={t("committees.recommendations.receivedOn")} extra={t("committees.recommendations.receivedHint")}>
              <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
