import { useMemo, useState } from "react";
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, Result, Skeleton, Space, Timeline, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import { formatDate, formatDateTime, isAfterToday } from "../../../lib/format";
import { useRecommendation, type VersionedRecommendation } from "../api/get-recommendation";
import { useRecommendationEvents, useRecommendationReports } from "../api/list-recommendation-reports";
import { RECOMMENDATION_ACTIONS, type RecommendationAction } from "../api/types";
import { useCreateProgressReport, useTransitionRecommendation } from "../api/write-recommendation";
import { problemMessage, withFieldErrors } from "../labels";
import {
  REJECTING,
  buildProgressReport,
  buildRecommendationTransition,
  lastRecommendationActOn,
  mayReport,
  type MoveFormValues,
  type ReportFormValues,
} from "../recommendation";
import { EvidenceFiles } from "./EvidenceFiles";
import { RecommendationDueBadge, RecommendationStatusTag } from "./RecommendationBadges";

type Props = { recommendationId: string; onClose: () => void };

type Pending = { kind: "move"; action: RecommendationAction } | { kind: "report" } | null;

/** A refused write in words: a move the state no longer allows names the moves allowed now; a stale copy says so. */
export function recommendationFailure(t: TFunction, err: unknown, actionName: string | null): string | null {
  if (err instanceof ApiError && err.code === "action_not_allowed") {
    const allowed = err.extensions.allowed_actions;
    const status = err.extensions.recommendation_status;
    return t("inspections.rec.notAllowed", {
      action: (actionName ?? "").toLowerCase(),
      status: typeof status === "string" ? t(`inspections.recStatus.${status}`) : "—",
      allowed: Array.isArray(allowed) && allowed.length > 0 ? allowed.map((a) => t(`inspections.recAction.${String(a)}`)).join(", ") : "—",
    });
  }
  if (err instanceof ApiError && err.status === 412) return t("inspections.rec.stale");
  return null;
}

/** One recommendation: what is asked of whom and by when, its follow-up acts and progress reports, and what the reader may do now. */
export function RecommendationDrawer({ recommendationId, onClose }: Props) {
  const { t } = useTranslation();
  const query = useRecommendation(recommendationId);
  const title = t("inspections.rec.drawerTitle");
  return (
    <Drawer open title={title} onClose={onClose} size="large" destroyOnHidden>
      {query.data ? (
        <Follow versioned={query.data} />
      ) : query.isError ? (
        <Result
          status={query.error instanceof ApiError && query.error.status === 404 ? "404" : "error"}
          title={problemMessage(t, query.error)}
        />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function Follow({ versioned }: { versioned: VersionedRecommendation }) {
  const { t } = useTranslation();
  const r = versioned.recommendation;
  const events = useRecommendationEvents(r.id);
  const reports = useRecommendationReports(r.id);
  const [pending, setPending] = useState<Pending>(null);
  const actions = RECOMMENDATION_ACTIONS.filter((a) => r.allowed_actions.includes(a));
  const canReport = mayReport(r);
  const notBefore = useMemo(() => lastRecommendationActOn(events.data), [events.data]);

  return (
    <Space orientation="vertical" size={16} style={{ display: "flex" }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t("inspections.rec.owner")}>{r.owner_unit.name}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.rec.content")}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{r.content}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t("inspections.rec.due")}>
          <RecommendationDueBadge recommendation={r} withDate />
        </Descriptions.Item>
        <Descriptions.Item label={t("inspections.rec.status")}>
          <Space>
            <RecommendationStatusTag status={r.status} />
            {r.verified_on && <span>{t("inspections.rec.verifiedOn", { date: formatDate(r.verified_on) })}</span>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t("inspections.rec.team")}>
          <Link to={`/inspections/teams/${r.team_id}`}>{t("inspections.rec.openTeam")}</Link>
        </Descriptions.Item>
      </Descriptions>

      {(actions.length > 0 || canReport) && (
        <Card size="small" title={t("inspections.team.actions")}>
          <Space wrap>
            {canReport && (
              <Button onClick={() => setPending({ kind: "report" })} type={pending?.kind === "report" ? "primary" : "default"}>
                {t("inspections.rec.fileReport")}
              </Button>
            )}
            {actions.map((a) => (
              <Button key={a} type="primary" danger={REJECTING.has(a)} ghost={REJECTING.has(a)} onClick={() => setPending({ kind: "move", action: a })}>
                {t(`inspections.recAction.${a}`)}
              </Button>
            ))}
          </Space>
          {pending?.kind === "move" && (
            <MoveForm key={pending.action} versioned={versioned} action={pending.action} notBefore={notBefore} onDone={() => setPending(null)} />
          )}
          {pending?.kind === "report" && <ReportForm recommendationId={r.id} onDone={() => setPending(null)} />}
        </Card>
      )}

      <Card size="small" title={t("inspections.rec.reports")}>
        {reports.isError ? (
          <Alert type="error" showIcon title={problemMessage(t, reports.error)} />
        ) : reports.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : reports.data.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inspections.rec.noReports")} />
        ) : (
          <ul aria-label={t("inspections.rec.reports")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {reports.data.map((p) => (
              <li key={p.id} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{formatDate(p.reported_on)}</Typography.Text>{" "}
                <Typography.Text type="secondary">· {p.actor_name ?? t(`inspections.timeline.actor.${p.actor_type}`, { defaultValue: p.actor_type })}</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{p.text}</Typography.Paragraph>
                <EvidenceFiles owner={{ kind: "report", recommendationId: r.id, reportId: p.id }} canWrite={canReport} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card size="small" title={t("inspections.timeline.title")}>
        {events.isError ? (
          <Alert type="error" showIcon title={problemMessage(t, events.error)} />
        ) : events.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : events.data.length === 0 ? (
          <Typography.Text type="secondary">{t("inspections.rec.noEvents")}</Typography.Text>
        ) : (
          <Timeline
            items={events.data.map((e) => ({
              key: e.id,
              content: (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{t(`inspections.recAction.${e.action}`)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t("inspections.timeline.meta", {
                      date: formatDate(e.effective_on),
                      at: formatDateTime(e.occurred_at),
                      who: e.actor_name ?? t(`inspections.timeline.actor.${e.actor_type}`, { defaultValue: e.actor_type }),
                    })}
                  </Typography.Text>
                  {e.data.reason && <Typography.Text>{t("inspections.rec.reasonIs", { reason: e.data.reason })}</Typography.Text>}
                  {e.data.note && <Typography.Text type="secondary">{e.data.note}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        )}
      </Card>
    </Space>
  );
}

function MoveForm({
  versioned,
  action,
  notBefore,
  onDone,
}: {
  versioned: VersionedRecommendation;
  action: RecommendationAction;
  notBefore: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MoveFormValues>();
  const move = useTransitionRecommendation();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const actionName = t(`inspections.recAction.${action}`);
  const minDay = notBefore ? dayjs(notBefore) : null;
  const r = versioned.recommendation;

  const submit = async (v: MoveFormValues) => {
    setGeneral(null);
    try {
      const moved = await move.mutateAsync({
        id: r.id,
        body: buildRecommendationTransition(action, v),
        etag: versioned.etag,
        idempotencyKey,
      });
      void message.success(t("inspections.actionForm.done", { action: actionName, status: t(`inspections.recStatus.${moved.recommendation.status}`) }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      const own = recommendationFailure(t, err, actionName);
      if (own) {
        setGeneral(own);
        return;
      }
      const { fields, general } = formFailure(
        err,
        (path) => (["effective_on", "reason", "note"].includes(path[0] ?? "") ? path[0] : undefined),
        withFieldErrors(t),
        problemMessage(t, err),
      );
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Form<MoveFormValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={move.isPending}
      initialValues={{ effective_on: dayjs() }}
      style={{ marginTop: 16 }}
      aria-label={actionName}
    >
      <Typography.Paragraph type="secondary">{t(`inspections.recActionHint.${action}`, { defaultValue: "" })}</Typography.Paragraph>
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      {REJECTING.has(action) && (
        <Form.Item name="reason" label={t("inspections.rec.reason")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      )}
      <Form.Item name="effective_on" label={t("inspections.actionForm.effectiveOn")} rules={[{ required: true, message: t("form.required") }]}>
        <DatePicker
          format="DD/MM/YYYY"
          style={{ width: "100%" }}
          disabledDate={(d: Dayjs) => isAfterToday(d) || (minDay !== null && d.isBefore(minDay, "day"))}
        />
      </Form.Item>
      <Form.Item name="note" label={t("inspections.actionForm.note")}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" danger={REJECTING.has(action)} loading={move.isPending}>
          {t("inspections.rec.confirm", { action: actionName })}
        </Button>
        <Button onClick={onDone}>{t("common.cancel")}</Button>
      </Space>
    </Form>
  );
}

function ReportForm({ recommendationId, onDone }: { recommendationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportFormValues>();
  const file = useCreateProgressReport();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());

  const submit = async (v: ReportFormValues) => {
    setGeneral(null);
    try {
      await file.mutateAsync({ id: recommendationId, body: buildProgressReport(v), idempotencyKey });
      void message.success(t("inspections.rec.reportFiled"));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      const { fields, general } = formFailure(
        err,
        (path) => (["text", "reported_on"].includes(path[0] ?? "") ? path[0] : undefined),
        withFieldErrors(t),
        problemMessage(t, err),
      );
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Form<ReportFormValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={file.isPending}
      initialValues={{ reported_on: dayjs() }}
      style={{ marginTop: 16 }}
      aria-label={t("inspections.rec.fileReport")}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form.Item name="text" label={t("inspections.rec.reportText")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
      </Form.Item>
      <Form.Item name="reported_on" label={t("inspections.rec.reportedOn")} rules={[{ required: true, message: t("form.required") }]}>
        <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} disabledDate={(d: Dayjs) => isAfterToday(d)} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={file.isPending}>
          {t("inspections.rec.submitReport")}
        </Button>
        <Button onClick={onDone}>{t("common.cancel")}</Button>
      </Space>
    </Form>
  );
}
