import { lazy, Suspense, useState } from "react";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { exportRecommendations, RECOMMENDATIONS_PAGE_SIZE, useRecommendations } from "../api/list-recommendations";
import { useTeams } from "../api/list-teams";
import { RECOMMENDATION_SORTS, RECOMMENDATION_STATUSES, type RecommendationSummary } from "../api/types";
import { RecommendationDueBadge, RecommendationStatusTag } from "./RecommendationBadges";
import type { UnitPicker } from "./slots";

const RecommendationDrawer = lazy(() => import("./RecommendationDrawer").then((m) => ({ default: m.RecommendationDrawer })));

/** The board's URL: `status`, `overdue`, `owner` (owner unit's subtree), `team`, `sort`, `limit`, `cursor`. */
const BOARD = defineList({
  filters: {
    status: {
      kind: "multi",
      label: "inspections.rec.status",
      values: RECOMMENDATION_STATUSES,
      optionLabel: (s) => `inspections.recStatus.${s}`,
      width: 260,
    },
    overdue: { kind: "boolean", label: "inspections.rec.overdueOnly" },
    owner: { kind: "unit", label: "inspections.rec.ownerFilter" },
    // Teams come from GET /inspections/teams (the concluded and closed ones: only they have recommendations).
    team: { kind: "select", label: "inspections.rec.teamFilter", width: 320 },
  },
  sort: {
    fields: RECOMMENDATION_SORTS,
    // Still followed up first, by due date: the overdue lead.
    default: "closed,due_on",
    defaultLabel: "inspections.rec.sortOpenFirst",
    labels: { due_on: "inspections.rec.due", created_at: "list.createdAt" },
  },
  pageSizes: [RECOMMENDATIONS_PAGE_SIZE, 50, 100],
  empty: "inspections.rec.boardEmpty",
  noMatch: "inspections.rec.boardNoMatch",
});

/** The same list for a target unit: what was asked of it (`team`, `status`, `overdue` in the URL). */
const OURS = defineList({
  filters: { status: BOARD.filters.status, overdue: BOARD.filters.overdue, team: BOARD.filters.team },
  sort: BOARD.sort,
  pageSizes: BOARD.pageSizes,
  empty: "inspections.rec.oursEmpty",
  noMatch: "inspections.rec.boardNoMatch",
});

type Props = {
  UnitPicker: UnitPicker;
  /** Set: only what is addressed to this unit or one below it ("Recommendations to us"), without the owner filter. */
  ownerUnitId?: string | null;
};

/** Recommendations across teams: by owner, the overdue first; each opens its follow-up, linking to its team. */
export function RecommendationsListPage({ UnitPicker, ownerUnitId = null }: Props) {
  return ownerUnitId ? <Board spec={OURS} UnitPicker={UnitPicker} ownerUnitId={ownerUnitId} /> : <Board spec={BOARD} UnitPicker={UnitPicker} ownerUnitId={null} />;
}

function Board({ spec, UnitPicker, ownerUnitId }: { spec: typeof BOARD | typeof OURS; UnitPicker: UnitPicker; ownerUnitId: string | null }) {
  const { t } = useTranslation();
  const list = useListState(spec as typeof BOARD);
  const { filters } = list;
  const [openId, setOpenId] = useState<string | null>(null);
  const listParams = {
    ownerWithinUnitId: ownerUnitId ?? filters.owner,
    teamId: filters.team,
    status: filters.status,
    overdue: filters.overdue ? true : null,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const query = useRecommendations(listParams);
  const teams = useTeams({ status: ["concluded", "closed"], limit: 100, sort: "-planned_start" });
  const teamTitle = new Map((teams.data?.items ?? []).map((x) => [x.id, x.title]));
  const teamOptions = (teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }));

  const columns: ListColumn<RecommendationSummary>[] = [
    {
      title: t("inspections.rec.due"),
      key: "due",
      sortField: "due_on",
      render: (_: unknown, r) => <RecommendationDueBadge recommendation={r} withDate />,
    },
    { title: t("inspections.rec.owner"), key: "owner", render: (_: unknown, r) => r.owner_unit.name },
    {
      title: t("inspections.rec.content"),
      key: "content",
      render: (_: unknown, r) => (
        <Button type="link" style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }} onClick={() => setOpenId(r.id)}>
          {r.content}
        </Button>
      ),
    },
    { title: t("inspections.rec.status"), key: "status", render: (_: unknown, r) => <RecommendationStatusTag status={r.status} /> },
    {
      title: t("inspections.rec.team"),
      key: "team",
      render: (_: unknown, r) => (
        <Link to={`/inspections/teams/${r.team_id}`}>{teamTitle.get(r.team_id) ?? t("inspections.rec.openTeam")}</Link>
      ),
    },
  ];

  return (
    <>
      {ownerUnitId && (
        <Typography.Paragraph type="secondary">{t("inspections.rec.oursHint")}</Typography.Paragraph>
      )}
      <FilterBar
        list={list}
        exportFile={{ name: "inspections-recommendations", download: () => exportRecommendations(listParams) }}
        UnitPicker={UnitPicker}
        options={{
          team: {
            options:
              filters.team && !teamOptions.some((o) => o.value === filters.team)
                ? [...teamOptions, { value: filters.team, label: filters.team.slice(0, 8) }]
                : teamOptions,
            loading: teams.isPending,
          },
        }}
      />
      <ListTable list={list} query={query} columns={columns} rowKey="id" />
      <Suspense fallback={null}>{openId && <RecommendationDrawer recommendationId={openId} onClose={() => setOpenId(null)} />}</Suspense>
    </>
  );
}
