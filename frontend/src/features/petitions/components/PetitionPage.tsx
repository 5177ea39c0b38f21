import { lazy, Suspense, useMemo, useState } from "react";
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Typography } from "antd";
import { ArrowLeftOutlined, EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { DANGEROUS_ACTIONS } from "../action-form";
import { useCategories } from "../api/list-categories";
import { usePetitionEvents } from "../api/list-petition-events";
import { usePetition } from "../api/get-petition";
import { useWorkflows } from "../api/get-workflows";
import type { Action, EventRead, PetitionRead } from "../api/types";
import { categoryName } from "../labels";
import { AttachmentsCard } from "./AttachmentsCard";
import { DeadlineBadge } from "./DeadlineBadge";
import { DeadlinesCard } from "./DeadlinesCard";
import { LinksCard } from "./LinksCard";
import { PeopleCard } from "./PeopleCard";
import { PetitionTimeline } from "./PetitionTimeline";
import type { ReceptionLabel, ReceptionPicker, UnitName, UnitPicker } from "./slots";

// The forms load when first opened, not with the page.
const ActionModal = lazy(() => import("./ActionModal").then((m) => ({ default: m.ActionModal })));
const EditPetitionModal = lazy(() => import("./EditPetitionModal").then((m) => ({ default: m.EditPetitionModal })));

/** Events that record the file rather than an act of the case: they do not date the next act. */
const RECORD_EVENTS = new Set(["edit", "link", "unlink", "attach", "detach"]);

type Props = {
  petitionId: string;
  canWrite: boolean;
  canConfidential: boolean;
  UnitPicker: UnitPicker;
  UnitName: UnitName;
  ReceptionPicker?: ReceptionPicker;
  ReceptionLabel?: ReceptionLabel;
};

/** One case: its record, people, time limits, history, files and links, and the acts allowed now. */
export function PetitionPage({ petitionId, canWrite, canConfidential, UnitPicker, UnitName, ReceptionPicker, ReceptionLabel }: Props) {
  const { t } = useTranslation();
  const query = usePetition(petitionId);
  const events = usePetitionEvents(petitionId);
  const workflows = useWorkflows();
  const [action, setAction] = useState<Action | null>(null);
  const [editing, setEditing] = useState(false);
  // The day of the last act: a new act cannot be dated before it.
  const lastActOn = useMemo(() => lastAct(events.data), [events.data]);

  const back = (
    <Link to="/petitions">
      <ArrowLeftOutlined /> {t("petitions.page.back")}
    </Link>
  );
  // Data first: a failed background refetch keeps what is shown.
  if (!query.data && query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result
        status={missing ? "404" : "error"}
        title={missing ? t("petitions.page.notFound") : errorMessage(t, query.error)}
        extra={back}
      />
    );
  }
  if (!query.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const versioned = query.data;
  const p = versioned.petition;

  return (
    <>
      {back}
      <Space orientation="vertical" size={4} style={{ display: "flex", margin: "8px 0 16px" }}>
        <Space wrap align="center">
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {t("petitions.page.title", { reference: p.reference })}
          </Typography.Title>
          <Tag color="blue">{t(`petitions.kind.${p.kind}`)}</Tag>
          <Tag>{t(`petitions.status.${p.status}`)}</Tag>
          {p.instance > 1 && <Tag color="purple">{t("petitions.page.secondInstance")}</Tag>}
          <span aria-label={t("petitions.page.dueDate")}>
            <DeadlineBadge petition={p} withDate />
          </span>
        </Space>
        <Typography.Text style={{ fontSize: 16 }}>{p.subject}</Typography.Text>
      </Space>

      {canWrite && (
        <Card size="small" title={t("petitions.page.actions")} style={{ marginBottom: 16 }}>
          <Space wrap>
            {p.allowed_actions.map((a) => (
              <Button
                key={a}
                type={DANGEROUS_ACTIONS.has(a) ? "default" : "primary"}
                danger={DANGEROUS_ACTIONS.has(a)}
                onClick={() => setAction(a)}
                disabled={workflows.isPending}
              >
                {t(`petitions.action.${a}`)}
              </Button>
            ))}
            {p.allowed_actions.length === 0 && (
              <Typography.Text type="secondary">{t("petitions.page.noActions")}</Typography.Text>
            )}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t("petitions.page.edit")}
            </Button>
          </Space>
          {workflows.isError && (
            <Alert type="error" showIcon title={errorMessage(t, workflows.error)} style={{ marginTop: 12 }} />
          )}
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ display: "flex" }}>
            <Details petition={p} ReceptionLabel={ReceptionLabel} />
            <PeopleCard petition={p} canConfidential={canConfidential} />
            <DeadlinesCard petition={p} />
            <PetitionTimeline events={events} UnitName={UnitName} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ display: "flex" }}>
            <AttachmentsCard petition={p} canWrite={canWrite} canConfidential={canConfidential} />
            <LinksCard petition={p} canWrite={canWrite} />
          </Space>
        </Col>
      </Row>

      <Suspense fallback={null}>
        {action && (
          <ActionModal
            versioned={versioned}
            action={action}
            workflows={workflows.data}
            notBefore={lastActOn}
            UnitPicker={UnitPicker}
            onClose={() => setAction(null)}
          />
        )}
        {editing && (
          <EditPetitionModal versioned={versioned} ReceptionPicker={ReceptionPicker} onClose={() => setEditing(false)} />
        )}
      </Suspense>
    </>
  );
}

function lastAct(events: readonly EventRead[] | undefined): string | null {
  let last: string | null = null;
  for (const e of events ?? []) if (!RECORD_EVENTS.has(e.action) && (last === null || e.effective_on > last)) last = e.effective_on;
  return last;
}

function Details({ petition: p, ReceptionLabel }: { petition: PetitionRead; ReceptionLabel?: ReceptionLabel }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const yesNo = (v: boolean | null) => (v === null ? t("petitions.page.unknown") : v ? t("common.yes") : t("petitions.page.no"));
  return (
    <Card size="small" title={t("petitions.page.details")}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t("petitions.form.channel")}>{t(`petitions.channel.${p.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t("petitions.form.category")}>
          {categoryName(categories.data, p.category, i18n.resolvedLanguage ?? "vi")}
        </Descriptions.Item>
        <Descriptions.Item label={t("petitions.form.receivedOn")}>{formatDate(p.received_on)}</Descriptions.Item>
        <Descriptions.Item label={t("petitions.form.receivingUnit")}>{p.receiving_unit.name}</Descriptions.Item>
        <Descriptions.Item label={t("petitions.list.handlingUnit")}>
          {p.handling_unit.name}
        </Descriptions.Item>
        <Descriptions.Item label={t("petitions.form.withinAuthority")}>{yesNo(p.within_authority)}</Descriptions.Item>
        <Descriptions.Item label={t("petitions.form.complex")}>{yesNo(p.complex)}</Descriptions.Item>
        <Descriptions.Item label={t("petitions.page.remoteArea")}>{yesNo(p.remote_area)}</Descriptions.Item>
        <Descriptions.Item label={t("petitions.form.headCount")}>{p.head_count}</Descriptions.Item>
        {p.kind === "denunciation" && (
          <Descriptions.Item label={t("petitions.page.extensions")}>{p.extension_count}</Descriptions.Item>
        )}
        {p.outcome && (
          <Descriptions.Item label={t("petitions.page.outcome")}>{t(`petitions.outcome.${p.outcome}`)}</Descriptions.Item>
        )}
        {p.decision_number && (
          <Descriptions.Item label={t("petitions.page.decision")}>
            {p.decision_date
              ? t("petitions.page.decisionOn", { number: p.decision_number, date: formatDate(p.decision_date) })
              : p.decision_number}
          </Descriptions.Item>
        )}
        {p.settled_on && (
          <Descriptions.Item label={t("petitions.page.settledOn")}>{formatDate(p.settled_on)}</Descriptions.Item>
        )}
        {p.closed_on && <Descriptions.Item label={t("petitions.page.closedOn")}>{formatDate(p.closed_on)}</Descriptions.Item>}
        {p.kind === "complaint" && p.contested_decision_known_on && (
          <Descriptions.Item label={t("petitions.form.contestedDecisionKnownOn")}>
            {formatDate(p.contested_decision_known_on)}
            {p.filed_out_of_time && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t("petitions.page.filedOutOfTime")}
              </Tag>
            )}
          </Descriptions.Item>
        )}
        {p.reception_id && (
          <Descriptions.Item label={t("petitions.form.reception")}>
            {ReceptionLabel ? <ReceptionLabel receptionId={p.reception_id} /> : p.reception_id.slice(0, 8)}
          </Descriptions.Item>
        )}
        {p.external_ref && (
          <Descriptions.Item label={t("petitions.page.externalRef")}>
            {p.external_ref.source} · {p.external_ref.id}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("petitions.form.content")} span={2}>
          <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{p.content}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
