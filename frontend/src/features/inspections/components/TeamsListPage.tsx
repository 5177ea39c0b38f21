import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { formatDate } from "../../../lib/format";
import { TEAMS_PAGE_SIZE, useTeams } from "../api/list-teams";
import { TEAM_KINDS, TEAM_SORTS, TEAM_STATUSES, type TeamStatus, type TeamSummary } from "../api/types";
import type { UnitPicker } from "./slots";

/** The list's URL: `q`, `unit` (organiser), `target` (visited), `kind`, `status`, `sort`, `limit`, `cursor`. */
const TEAMS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "inspections.list.search", maxLength: 100, width: 320 },
    unit: { kind: "unit", label: "inspections.list.organiserFilter" },
    target: { kind: "unit", label: "inspections.list.targetFilter" },
    kind: { kind: "multi", label: "inspections.list.kind", values: TEAM_KINDS, optionLabel: (k) => `inspections.kind.${k}` },
    status: {
      kind: "multi",
      label: "inspections.list.status",
      values: TEAM_STATUSES,
      optionLabel: (s) => `inspections.status.${s}`,
    },
  },
  sort: {
    fields: TEAM_SORTS,
    default: "-planned_start",
    labels: { planned_start: "inspections.list.plannedStart", created_at: "list.createdAt", title: "inspections.list.title" },
  },
  pageSizes: [TEAMS_PAGE_SIZE, 50, 100],
  empty: "inspections.list.empty",
  noMatch: "inspections.list.noMatch",
});

const STATUS_COLOURS: Partial<Record<TeamStatus, string>> = {
  established: "blue",
  in_progress: "processing",
  reported: "gold",
  concluded: "green",
  closed: "default",
  cancelled: "red",
};

type Props = { UnitPicker: UnitPicker };

/** Inspection and supervision teams organised in the jurisdiction or visiting a unit of it. */
export function TeamsListPage({ UnitPicker }: Props) {
  const { t } = useTranslation();
  const list = useListState(TEAMS_LIST);
  const { filters } = list;
  const teams = useTeams({
    withinUnitId: filters.unit,
    targetWithinUnitId: filters.target,
    kind: filters.kind,
    status: filters.status,
    q: filters.q,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  });

  const period = (from: string | null, to: string | null) =>
    from ? `${formatDate(from)} – ${to ? formatDate(to) : "…"}` : "";

  const columns: ListColumn<TeamSummary>[] = [
    {
      title: t("inspections.list.plannedStart"),
      key: "planned",
      sortField: "planned_start",
      sortDirections: ["descend", "ascend", "descend"],
      render: (_: unknown, r) => period(r.planned_start, r.planned_end),
    },
    { title: t("inspections.list.title"), dataIndex: "title", sortField: "title" },
    { title: t("inspections.list.organiser"), key: "organiser", render: (_: unknown, r) => r.organising_unit.name },
    {
      title: t("inspections.list.kind"),
      key: "kind",
      render: (_: unknown, r) => <Tag>{t(`inspections.kind.${r.kind}`)}</Tag>,
    },
    {
      title: t("inspections.list.status"),
      key: "status",
      render: (_: unknown, r) => <Tag color={STATUS_COLOURS[r.status]}>{t(`inspections.status.${r.status}`)}</Tag>,
    },
    {
      title: t("inspections.list.actual"),
      key: "actual",
      render: (_: unknown, r) => (
        <Typography.Text type="secondary">{period(r.actual_start, r.actual_end)}</Typography.Text>
      ),
    },
    { title: t("inspections.list.decision"), dataIndex: "decision_number", render: (v: string | null) => v ?? "" },
  ];

  return (
    <>
      <FilterBar list={list} UnitPicker={UnitPicker} />
      <ListTable list={list} query={teams} columns={columns} rowKey="id" />
    </>
  );
}
