import type { UseQueryResult } from "@tanstack/react-query";
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Tag, Typography } from "antd";
import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { useTopics } from "../api/list-topics";
import type { FindingRead, FindingSeverity, TargetRead, TeamRead } from "../api/types";
import { findingsByTarget } from "../finding-form";
import { problemMessage, topicName } from "../labels";
import { EvidenceFiles } from "./EvidenceFiles";

const SEVERITY_COLOURS: Record<FindingSeverity, string> = { minor: "default", moderate: "orange", serious: "red" };

type Props = {
  team: TeamRead;
  findings: UseQueryResult<FindingRead[]>;
  /** Findings may be recorded and corrected now (the organiser, while the team collects). */
  canRecord: boolean;
  /** Visits may be recorded (the organiser, while the team is open). */
  canRecordVisits: boolean;
  onVisit: (target: TargetRead) => void;
  onAdd: (targetId: string) => void;
  onEdit: (finding: FindingRead) => void;
};

/** Each unit visited: its visit's record, then what the team found there. */
export function TargetsCard({ team, findings, canRecord, canRecordVisits, onVisit, onAdd, onEdit }: Props) {
  const { t } = useTranslation();
  const grouped = findingsByTarget(team.targets, findings.data ?? []);
  return (
    <Card
      size="small"
      title={
        <Space>
          {t("inspections.targets.title")}
          <Typography.Text type="secondary">{t("inspections.targets.count", { count: team.targets.length })}</Typography.Text>
        </Space>
      }
    >
      {findings.isError && <Alert type="error" showIcon title={problemMessage(t, findings.error)} style={{ marginBottom: 12 }} />}
      {team.targets.length === 0 && <Empty description={t("inspections.targets.empty")} />}
      <Space orientation="vertical" size={16} style={{ display: "flex" }}>
        {team.targets.map((target) => (
          <TargetSection
            key={target.id}
            target={target}
            findings={grouped.get(target.id) ?? []}
            loading={findings.isPending}
            canRecord={canRecord}
            canRecordVisit={canRecordVisits}
            onVisit={() => onVisit(target)}
            onAdd={() => onAdd(target.id)}
            onEdit={onEdit}
          />
        ))}
      </Space>
    </Card>
  );
}

type SectionProps = {
  target: TargetRead;
  findings: FindingRead[];
  loading: boolean;
  canRecord: boolean;
  canRecordVisit: boolean;
  onVisit: () => void;
  onAdd: () => void;
  onEdit: (finding: FindingRead) => void;
};

function TargetSection({ target, findings, loading, canRecord, canRecordVisit, onVisit, onAdd, onEdit }: SectionProps) {
  const { t, i18n } = useTranslation();
  const topics = useTopics();
  const language = i18n.resolvedLanguage ?? "vi";
  const visited = target.visited_from
    ? `${formatDate(target.visited_from)}${target.visited_to && target.visited_to !== target.visited_from ? ` – ${formatDate(target.visited_to)}` : ""}`
    : "—";
  return (
    <section aria-label={target.unit.name} style={{ border: "1px solid #f0f0f0", borderRadius: 8, padding: 12 }}>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
          {target.unit.name}
        </Typography.Title>
        <Tag>{t(`inspections.targetStatus.${target.status}`)}</Tag>
        {target.rating && <Tag color="blue">{t(`inspections.rating.${target.rating}`)}</Tag>}
        {canRecordVisit && (
          <Button size="small" icon={<EditOutlined />} onClick={onVisit} aria-label={`${t("inspections.visit.button")}: ${target.unit.name}`}>
            {t("inspections.visit.button")}
          </Button>
        )}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xxl: 3 }}
        items={[
          { key: "visited", label: t("inspections.targets.visited"), children: visited },
          {
            key: "self",
            label: t("inspections.targets.selfAssessment"),
            children: target.self_assessment_received
              ? target.self_assessment_received_on
                ? t("inspections.targets.selfAssessmentOn", { date: formatDate(target.self_assessment_received_on) })
                : t("inspections.targets.selfAssessmentReceived")
              : t("inspections.targets.selfAssessmentMissing"),
          },
          {
            key: "rating",
            label: t("inspections.targets.rating"),
            children: target.rating ? t(`inspections.rating.${target.rating}`) : t("inspections.targets.notRated"),
          },
          ...(target.notes ? [{ key: "notes", label: t("inspections.targets.notes"), children: target.notes, span: "filled" as const }] : []),
          ...(target.conclusion
            ? [{ key: "conclusion", label: t("inspections.targets.conclusion"), children: target.conclusion, span: "filled" as const }]
            : []),
        ]}
      />
      <Space style={{ width: "100%", justifyContent: "space-between", marginTop: 8 }} wrap>
        <Typography.Text strong>{t("inspections.targets.findings")}</Typography.Text>
        {canRecord && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} aria-label={`${t("inspections.targets.addFinding")}: ${target.unit.name}`}>
            {t("inspections.targets.addFinding")}
          </Button>
        )}
      </Space>
      {loading ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : findings.length === 0 ? (
        <Typography.Text type="secondary">{t("inspections.targets.noFindings")}</Typography.Text>
      ) : (
        <ul aria-label={`${t("inspections.targets.findings")}: ${target.unit.name}`} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {findings.map((f) => (
            <li key={f.id} style={{ borderTop: "1px solid #f0f0f0", padding: "8px 0", display: "flex", gap: 8 }}>
              <Space orientation="vertical" size={2} style={{ display: "flex", flex: 1 }}>
                <Space wrap size={6}>
                  <Tag color={SEVERITY_COLOURS[f.severity]}>{t(`inspections.severity.${f.severity}`)}</Tag>
                  <Typography.Text strong>{topicName(topics.data, f.topic, language)}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{f.description}</Typography.Paragraph>
                <EvidenceFiles owner={{ kind: "finding", teamId: f.team_id, findingId: f.id }} canWrite={canRecord} />
              </Space>
              {canRecord && (
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(f)}>
                  {t("inspections.finding.editButton")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
