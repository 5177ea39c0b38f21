import { lazy, Suspense, useState } from "react";
import { Button, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { formatDate } from "../../../lib/format";
import { usePlans } from "../api/list-plans";
import { exportTeams, TEAMS_PAGE_SIZE, useTeams } from "../api/list-teams";
import { TEAM_KINDS, TEAM_SORTS, TEAM_STATUSES, type TeamSummary } from "../api/types";
import { inspectionYears } from "../labels";
import type { UnitPicker, UnitsWithinPicker } from "./slots";
import { TeamStatusTag } from "./TeamStatusTag";

const TeamFormDrawer = lazy(() => import("./TeamFormDrawer").then((m) => ({ default: m.TeamFormDrawer })));

/**
 * The list's URL: `q`, `year` (of the planned start), `plan`, `unit` (organiser), `target` (visited),
 * `kind`, `status`, `sort`, `limit`, `cursor`.
 */
const TEAMS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "inspections.list.search", maxLength: 100, width: 320 },
    year: { kind: "select", label: "inspections.list.year", values: inspectionYears(), optionLabel: (y) => y, width: 120 },
    // Plans come from GET /inspections/plans.
    plan: { kind: "select", label: "inspections.list.plan", width: 320 },
    unit: { kind: "unit", label: "inspections.list.organiserFilter" },
    target: { kind: "unit", label: "inspections.list.targetFilter" },
    kind: { kind: "multi", label: "inspections.list.kind", values: TEAM_KINDS, optionLabel: (k) => `inspections.kind.${k}` },
    status: {
      kind: "multi",
      label: "inspections.list.status",
      values: TEAM_STATUSES,
      optionLabel: (s) => `inspections.status.${s}`,
      width: 220,
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

type Props = {
  UnitPicker: UnitPicker;
  /** Given to holders of inspections:write: a team is formed here (ad hoc, or under a plan picked in the form). */
  write?: { ownUnitId: string | null; TargetsPicker: UnitsWithinPicker };
};

const period = (from: string | null, to: string | null) => (from ? `${formatDate(from)} – ${to ? formatDate(to) : "…"}` : "");

/** Inspection and supervision teams organised in the jurisdiction or visiting a unit of it. */
export function TeamsListPage({ UnitPicker, write }: Props) {
  const { t } = useTranslation();
  const [forming, setForming] = useState(false);
  const list = useListState(TEAMS_LIST);
  const { filters } = list;
  const year = filters.year ? Number(filters.year) : null;
  const listParams = {
    year,
    planId: filters.plan,
    withinUnitId: filters.unit,
    targetWithinUnitId: filters.target,
    kind: filters.kind,
    status: filters.status,
    q: filters.q,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const teams = useTeams(listParams);
  // The plans to pick from: the year's when one is chosen (a jurisdiction issues a handful a year).
  const plans = usePlans({ year, limit: 100, sort: "-issued_on" });
  const planOptions = (plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.document_number} · ${p.title}` }));

  const columns: ListColumn<TeamSummary>[] = [
    {
      title: t("inspections.list.plannedStart"),
      key: "planned",
      sortField: "planned_start",
      sortDirections: ["descend", "ascend", "descend"],
      render: (_: unknown, r) => period(r.planned_start, r.planned_end),
    },
    {
      title: t("inspections.list.title"),
      dataIndex: "title",
      sortField: "title",
      render: (title: string, r) => <Link to={`/inspections/teams/${r.id}`}>{title}</Link>,
    },
    { title: t("inspections.list.organiser"), key: "organiser", render: (_: unknown, r) => r.organising_unit.name },
    {
      title: t("inspections.list.kind"),
      key: "kind",
      render: (_: unknown, r) => <Tag>{t(`inspections.kind.${r.kind}`)}</Tag>,
    },
    {
      title: t("inspections.list.status"),
      key: "status",
      render: (_: unknown, r) => <TeamStatusTag status={r.status} />,
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
      <FilterBar
        list={list}
        exportFile={{ name: "inspections-teams", download: () => exportTeams(listParams) }}
        UnitPicker={UnitPicker}
        options={{
          plan: {
            // A plan named in the URL but not on this page of plans still shows as selected.
            options:
              filters.plan && !planOptions.some((o) => o.value === filters.plan)
                ? [...planOptions, { value: filters.plan, label: filters.plan.slice(0, 8) }]
                : planOptions,
            loading: plans.isPending,
          },
        }}
        actions={
          write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForming(true)}>
              {t("inspections.list.create")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={teams} columns={columns} rowKey="id" />
      <Suspense fallback={null}>
        {write && forming && (
          <TeamFormDrawer
            versioned={null}
            // Listing a plan's teams: a new one belongs to it.
            plan={(plans.data?.items ?? []).find((p) => p.id === filters.plan) ?? null}
            ownUnitId={write.ownUnitId}
            UnitPicker={UnitPicker}
            TargetsPicker={write.TargetsPicker}
            onClose={() => setForming(false)}
          />
        )}
      </Suspense>
    </>
  );
}
