import { lazy, Suspense, useMemo, useState } from "react";
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tag, Typography } from "antd";
import { ArrowLeftOutlined, EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/client";
import { formatDate } from "../../../lib/format";
import { usePlan } from "../api/get-plan";
import { useTeam } from "../api/get-team";
import { useTeamWorkflow } from "../api/get-team-workflow";
import { useFindings } from "../api/list-findings";
import { useTeamEvents } from "../api/list-team-events";
import { useTopics } from "../api/list-topics";
import { COLLECTING, TEAM_ACTIONS, type FindingRead, type TargetRead, type TeamAction, type TeamMember, type TeamRead } from "../api/types";
import { problemMessage, topicName } from "../labels";
import { DANGEROUS_ACTIONS, lastActOn, mayChange, mayRecordFindings } from "../team-action";
import { RecommendationsCard } from "./RecommendationsCard";
import type { UnitPicker, UnitsWithinPicker } from "./slots";
import { TargetsCard } from "./TargetsCard";
import { TeamStatusTag } from "./TeamStatusTag";
import { TeamTimeline } from "./TeamTimeline";

// The forms load when first opened, not with the page.
const TeamActionModal = lazy(() => import("./TeamActionModal").then((m) => ({ default: m.TeamActionModal })));
const FindingModal = lazy(() => import("./FindingModal").then((m) => ({ default: m.FindingModal })));
const VisitModal = lazy(() => import("./VisitModal").then((m) => ({ default: m.VisitModal })));
const TeamFormDrawer = lazy(() => import("./TeamFormDrawer").then((m) => ({ default: m.TeamFormDrawer })));

type Props = {
  teamId: string;
  /** The reader holds inspections:write (the API still decides, through `allowed_actions`). */
  canWrite: boolean;
  /** The reader's own unit (null: nationwide), to say when the team is seen from a visited unit. */
  viewerUnitId: string | null;
  /** A unit picker, for a recommendation addressed to a unit the team did not visit. */
  UnitPicker?: UnitPicker;
  /** A picker of units inside the organiser's subtree: with UnitPicker, lets a writer correct the team's record. */
  TargetsPicker?: UnitsWithinPicker;
};

type FindingEdit = { finding: FindingRead | null; targetId: string | null };

/** One inspection or supervision team: its decision, members, visits and findings, conclusion, acts and history. */
export function TeamPage({ teamId, canWrite, viewerUnitId, UnitPicker, TargetsPicker }: Props) {
  const { t } = useTranslation();
  const query = useTeam(teamId);
  const events = useTeamEvents(teamId);
  const findings = useFindings(teamId);
  const workflow = useTeamWorkflow();
  const [action, setAction] = useState<TeamAction | null>(null);
  const [findingEdit, setFindingEdit] = useState<FindingEdit | null>(null);
  const [visit, setVisit] = useState<TargetRead | null>(null);
  const [editing, setEditing] = useState(false);
  const notBefore = useMemo(() => lastActOn(events.data), [events.data]);

  const back = (
    <Link to="/inspections">
      <ArrowLeftOutlined /> {t("inspections.team.back")}
    </Link>
  );
  // Data first: a failed background refetch keeps what is shown.
  if (!query.data && query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Result status={missing ? "404" : "error"} title={missing ? t("inspections.team.notFound") : problemMessage(t, query.error)} extra={back} />
    );
  }
  if (!query.data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const versioned = query.data;
  const team = versioned.team;
  const changes = canWrite && mayChange(team);
  const canRecord = canWrite && mayRecordFindings(team);
  // Seen from a visited unit whose jurisdiction does not cover the organiser: the API shows it
  // only its own targets and the findings there.
  const partial = viewerUnitId !== null && viewerUnitId !== team.organising_unit_id && team.targets.some((x) => x.unit_id === viewerUnitId);
  const actions = TEAM_ACTIONS.filter((a) => team.allowed_actions.includes(a));

  return (
    <>
      {back}
      <Space orientation="vertical" size={4} style={{ display: "flex", margin: "8px 0 16px" }}>
        <Space wrap align="center">
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {team.title}
          </Typography.Title>
          <Tag color="blue">{t(`inspections.kind.${team.kind}`)}</Tag>
          <TeamStatusTag status={team.status} />
        </Space>
        <Typography.Text type="secondary">{team.organising_unit.name}</Typography.Text>
      </Space>

      {partial && <Alert type="info" showIcon title={t("inspections.team.partialView")} style={{ marginBottom: 16 }} />}

      {changes && (
        <Card size="small" title={t("inspections.team.actions")} style={{ marginBottom: 16 }}>
          <Space wrap>
            {actions.map((a) => (
              <Button
                key={a}
                type={DANGEROUS_ACTIONS.has(a) ? "default" : "primary"}
                danger={DANGEROUS_ACTIONS.has(a)}
                onClick={() => setAction(a)}
                disabled={workflow.isPending}
              >
                {t(`inspections.action.${a}`)}
              </Button>
            ))}
            {actions.length === 0 && <Typography.Text type="secondary">{t("inspections.team.noActions")}</Typography.Text>}
            {UnitPicker && TargetsPicker && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t("inspections.team.edit")}
              </Button>
            )}
          </Space>
          {!COLLECTING.has(team.status) && (
            <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
              {t("inspections.targets.findingsClosed")}
            </Typography.Paragraph>
          )}
          {workflow.isError && <Alert type="error" showIcon title={problemMessage(t, workflow.error)} style={{ marginTop: 12 }} />}
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size={16} style={{ display: "flex" }}>
            <Details team={team} />
            <TargetsCard
              team={team}
              findings={findings}
              canRecord={canRecord}
              canRecordVisits={changes}
              onVisit={setVisit}
              onAdd={(targetId) => setFindingEdit({ finding: null, targetId })}
              onEdit={(finding) => setFindingEdit({ finding, targetId: finding.target_id })}
            />
            <ConclusionCard team={team} />
            <RecommendationsCard
              team={team}
              findings={findings.data}
              canIssue={changes && team.status === "concluded"}
              UnitPicker={UnitPicker}
            />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size={16} style={{ display: "flex" }}>
            <MembersCard members={team.members} />
            <TeamTimeline events={events} />
          </Space>
        </Col>
      </Row>

      <Suspense fallback={null}>
        {action && (
          <TeamActionModal versioned={versioned} action={action} workflow={workflow.data} notBefore={notBefore} onClose={() => setAction(null)} />
        )}
        {editing && UnitPicker && TargetsPicker && (
          <TeamFormDrawer
            versioned={versioned}
            ownUnitId={viewerUnitId}
            UnitPicker={UnitPicker}
            TargetsPicker={TargetsPicker}
            onClose={() => setEditing(false)}
          />
        )}
        {visit && <VisitModal versioned={versioned} target={visit} onClose={() => setVisit(null)} />}
        {findingEdit && (
          <FindingModal
            versioned={versioned}
            finding={findingEdit.finding}
            targetId={findingEdit.targetId}
            onClose={() => setFindingEdit(null)}
          />
        )}
      </Suspense>
    </>
  );
}

const period = (from: string | null, to: string | null) => (from ? `${formatDate(from)} – ${to ? formatDate(to) : "…"}` : "");

function Details({ team }: { team: TeamRead }) {
  const { t, i18n } = useTranslation();
  const topics = useTopics();
  const plan = usePlan(team.plan_id);
  const language = i18n.resolvedLanguage ?? "vi";
  const decision = team.decision_number
    ? team.decision_date
      ? t("inspections.team.decisionOn", { number: team.decision_number, date: formatDate(team.decision_date) })
      : team.decision_number
    : t("inspections.team.noDecision");
  return (
    <Card size="small" title={t("inspections.team.details")}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t("inspections.team.decision")}>{decision}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.decisionSigner")}>{team.decision_signer ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.kind")}>{t(`inspections.kind.${team.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.organiser")}>{team.organising_unit.name}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.planned")}>{period(team.planned_start, team.planned_end)}</Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.actual")}>
          {team.actual_start ? period(team.actual_start, team.actual_end) : t("inspections.team.notStarted")}
        </Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.plan")} span="filled">
          {team.plan_id === null
            ? t("inspections.team.noPlan")
            : plan.data
              ? `${plan.data.plan.document_number} · ${plan.data.plan.title}`
              : t("inspections.team.planOpen")}
        </Descriptions.Item>
        <Descriptions.Item label={t("inspections.team.topics")} span="filled">
          <Space size={[0, 4]} wrap>
            {team.topics.map((c) => (
              <Tag key={c}>{topicName(topics.data, c, language)}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function MembersCard({ members }: { members: TeamMember[] }) {
  const { t } = useTranslation();
  // The leader first, then the members in the order recorded.
  const sorted = [...members].sort((a, b) => (a.role === b.role ? 0 : a.role === "leader" ? -1 : 1));
  return (
    <Card size="small" title={t("inspections.team.members")}>
      <Table<TeamMember>
        size="small"
        pagination={false}
        rowKey={(m) => `${m.full_name}|${m.position ?? ""}|${m.organisation ?? ""}`}
        dataSource={sorted}
        locale={{ emptyText: t("inspections.team.noMembers") }}
        columns={[
          {
            title: t("inspections.team.memberName"),
            key: "name",
            render: (_: unknown, m) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong={m.role === "leader"}>{m.full_name}</Typography.Text>
                {(m.position || m.organisation) && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {[m.position, m.organisation].filter(Boolean).join(", ")}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t("inspections.team.memberRole"),
            key: "role",
            render: (_: unknown, m) => (m.role === "leader" ? <Tag color="blue">{t("inspections.role.leader")}</Tag> : t("inspections.role.member")),
          },
        ]}
      />
    </Card>
  );
}

function ConclusionCard({ team }: { team: TeamRead }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("inspections.team.conclusion")}>
      {team.conclusion_number ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t("inspections.team.conclusionNumber")}>{team.conclusion_number}</Descriptions.Item>
          <Descriptions.Item label={t("inspections.team.conclusionDate")}>{formatDate(team.conclusion_date)}</Descriptions.Item>
          <Descriptions.Item label={t("inspections.team.conclusionSummary")} span="filled">
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{team.conclusion_summary}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">{t("inspections.team.noConclusion")}</Typography.Text>
      )}
    </Card>
  );
}
