import { lazy, Suspense, useState } from "react";
import { Button, Space, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { formatDate } from "../../../lib/format";
import { exportProjects, PROJECTS_PAGE_SIZE, useProjects } from "../api/projects";
import { CAPITAL_SOURCES, PROJECT_SORTS, type ProjectRead } from "../api/types";
import { projectState, STATE_COLOR } from "../state";
import type { OwnUnit, UnitPicker } from "./slots";

const ProjectFormModal = lazy(() => import("./ProjectFormModal").then((m) => ({ default: m.ProjectFormModal })));

/** The list's URL: `q`, `source` (capital sources), `unit` (subtree), `on` (under way that day), `sort`, `limit`, `cursor`. */
export const PROJECTS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "committeeProjects.search", maxLength: 100, width: 280 },
    source: {
      kind: "multi",
      label: "committeeProjects.capitalSource",
      values: CAPITAL_SOURCES,
      optionLabel: (s) => `committeeProjects.capitalSourceValue.${s}`,
      width: 280,
    },
    unit: { kind: "unit", label: "committeeProjects.unit" },
    on: { kind: "date", label: "committeeProjects.underWayOn", width: 200 },
  },
  sort: {
    fields: PROJECT_SORTS,
    default: "name",
    labels: { name: "committeeProjects.name", starts_on: "committeeProjects.startsOn", created_at: "list.createdAt" },
  },
  pageSizes: [PROJECTS_PAGE_SIZE, 50, 100],
  empty: "committeeProjects.empty",
  noMatch: "committeeProjects.noMatch",
});

type Props = { UnitPicker: UnitPicker; canWrite: boolean; ownUnit?: OwnUnit };

/** The investment projects located in the reader's jurisdiction, each with its supervision board (CISB). */
export function ProjectsListPage({ UnitPicker, canWrite, ownUnit = null }: Props) {
  const { t } = useTranslation();
  const list = useListState(PROJECTS_LIST);
  const { filters } = list;
  const [creating, setCreating] = useState(false);
  const listParams = {
    q: filters.q,
    capitalSource: filters.source,
    withinUnitId: filters.unit,
    underWayOn: filters.on,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const projects = useProjects(listParams);

  const columns: ListColumn<ProjectRead>[] = [
    {
      title: t("committeeProjects.name"),
      dataIndex: "name",
      sortField: "name",
      render: (_: unknown, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link>,
    },
    { title: t("committeeProjects.investor"), dataIndex: "investor" },
    { title: t("committeeProjects.capitalSource"), key: "source", render: (_: unknown, p) => <Tag>{t(`committeeProjects.capitalSourceValue.${p.capital_source}`)}</Tag> },
    { title: t("committeeProjects.location"), key: "location", render: (_: unknown, p) => p.locations.map((u) => u.name).join(", ") },
    {
      title: t("committeeProjects.startsOn"),
      key: "dates",
      sortField: "starts_on",
      render: (_: unknown, p) => `${formatDate(p.starts_on)} – ${formatDate(p.actual_end_on ?? p.planned_end_on) || "…"}`,
    },
    {
      title: t("committeeProjects.state"),
      key: "state",
      render: (_: unknown, p) => {
        const s = projectState(p);
        return <Tag color={STATE_COLOR[s]}>{t(`committeeProjects.${s}`)}</Tag>;
      },
    },
    {
      title: t("committeeProjects.board"),
      key: "board",
      render: (_: unknown, p) =>
        p.board ? (
          <Space orientation="vertical" size={0}>
            <Link to={`/committees/${p.board.id}`}>{p.board.name}</Link>
            {p.board.status === "dissolved" && (
              <Typography.Text type="secondary">{t("committeeProjects.dissolvedOn", { date: formatDate(p.board.dissolved_on) })}</Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type={projectState(p) === "underWay" ? "danger" : "secondary"}>{t("committeeProjects.noBoard")}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <FilterBar
        list={list}
        exportFile={{ name: "committees-projects", download: () => exportProjects(listParams) }}
        UnitPicker={UnitPicker}
        actions={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("committeeProjects.create")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={projects} columns={columns} rowKey="id" />
      <Suspense fallback={null}>
        {canWrite && creating && <ProjectFormModal UnitPicker={UnitPicker} ownUnit={ownUnit} onClose={() => setCreating(false)} />}
      </Suspense>
    </>
  );
}
