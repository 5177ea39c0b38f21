import { lazy, Suspense, useState } from "react";
import { Alert, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { formatDate, formatNumber } from "../../../lib/format";
import { useProject } from "../api/projects";
import { projectState, STATE_COLOR } from "../state";
import type { OwnUnit, UnitPicker } from "./slots";

const ProjectFormModal = lazy(() => import("./ProjectFormModal").then((m) => ({ default: m.ProjectFormModal })));

type Props = {
  projectId: string;
  /** Holds committees:write: the project can be edited. */
  canWrite?: boolean;
  UnitPicker: UnitPicker;
  ownUnit: OwnUnit;
};

/**
 * One investment project: its details (every location, the main one first) and its community
 * investment supervision board (CISB), linked to the board's page; a writer edits it.
 */
export function ProjectPage({ projectId, canWrite = false, UnitPicker, ownUnit }: Props) {
  const { t, i18n } = useTranslation();
  const project = useProject(projectId);
  const [editing, setEditing] = useState(false);
  // Data first: a failed background refetch keeps what is shown.
  if (!project.data) return project.isError ? <Alert type="error" showIcon title={errorMessage(t, project.error)} /> : <Skeleton active />;
  const p = project.data.project;
  const none = t("committeeProjects.none");
  const state = projectState(p);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/projects">← {t("committeeProjects.back")}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {p.name}
      </Typography.Title>
      <Card
        size="small"
        title={t("committeeProjects.details")}
        extra={
          canWrite && (
            <Button size="small" onClick={() => setEditing(true)}>
              {t("committeeProjects.edit")}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("committeeProjects.investor")}>{p.investor}</Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.capitalSource")}>{t(`committeeProjects.capitalSourceValue.${p.capital_source}`)}</Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.totalInvestment")}>
            {p.total_investment !== null ? formatNumber(p.total_investment, i18n.language) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.location")}>
            <ul aria-label={t("committeeProjects.location")} style={{ margin: 0, paddingInlineStart: 18 }}>
              {p.locations.map((u, n) => (
                <li key={u.id}>
                  {u.name}
                  {n === 0 && p.locations.length > 1 && <Typography.Text type="secondary">{` (${t("committeeProjects.mainLocation")})`}</Typography.Text>}
                </li>
              ))}
            </ul>
          </Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.startsOn")}>{formatDate(p.starts_on)}</Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.plannedEndOn")}>{formatDate(p.planned_end_on) || none}</Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.actualEndOn")}>{formatDate(p.actual_end_on) || none}</Descriptions.Item>
          <Descriptions.Item label={t("committeeProjects.state")}>
            <Tag color={STATE_COLOR[state]}>{t(`committeeProjects.${state}`)}</Tag>
          </Descriptions.Item>
          {p.notes && <Descriptions.Item label={t("committeeProjects.notes")}>{p.notes}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t("committeeProjects.board")}>
        {p.board ? (
          <Space wrap>
            <Link to={`/committees/${p.board.id}`}>{p.board.name}</Link>
            <Tag color={p.board.status === "active" ? "blue" : "default"}>{t(`committeeProjects.status.${p.board.status}`)}</Tag>
            {p.board.dissolved_on && <Typography.Text type="secondary">{t("committeeProjects.dissolvedOn", { date: formatDate(p.board.dissolved_on) })}</Typography.Text>}
          </Space>
        ) : (
          <Typography.Text type={state === "underWay" ? "danger" : "secondary"}>{t("committeeProjects.noBoard")}</Typography.Text>
        )}
      </Card>
      <Suspense fallback={null}>
        {canWrite && editing && <ProjectFormModal UnitPicker={UnitPicker} ownUnit={ownUnit} existing={project.data} onClose={() => setEditing(false)} />}
      </Suspense>
    </Space>
  );
}
