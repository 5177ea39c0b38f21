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
import { exportPlans, PLANS_PAGE_SIZE, usePlans } from "../api/list-plans";
import { useTopics } from "../api/list-topics";
import { PLAN_KINDS, PLAN_SORTS, type PlanRead } from "../api/types";
import { inspectionYears, topicName } from "../labels";
import type { UnitPicker, UnitsWithinPicker } from "./slots";

// The forms load when first opened, not with the list.
const PlanFormDrawer = lazy(() => import("./PlanFormDrawer").then((m) => ({ default: m.PlanFormDrawer })));
const TeamFormDrawer = lazy(() => import("./TeamFormDrawer").then((m) => ({ default: m.TeamFormDrawer })));

/** The list's URL: `q`, `year`, `kind`, `unit` (organiser's subtree), `sort`, `limit`, `cursor`. */
const PLANS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "inspections.plans.search", maxLength: 100, width: 320 },
    year: { kind: "select", label: "inspections.plans.year", values: inspectionYears(), optionLabel: (y) => y, width: 120 },
    kind: { kind: "multi", label: "inspections.plans.kind", values: PLAN_KINDS, optionLabel: (k) => `inspections.planKind.${k}` },
    unit: { kind: "unit", label: "inspections.plans.organiserFilter" },
  },
  sort: {
    fields: PLAN_SORTS,
    default: "-issued_on",
    labels: { issued_on: "inspections.plans.issuedOn", year: "inspections.plans.year", created_at: "list.createdAt" },
  },
  pageSizes: [PLANS_PAGE_SIZE, 50, 100],
  empty: "inspections.plans.empty",
  noMatch: "inspections.plans.noMatch",
});

type Props = {
  UnitPicker: UnitPicker;
  /** Given to holders of inspections:write: plans are recorded and corrected, teams formed from them. */
  write?: { ownUnitId: string | null; TargetsPicker: UnitsWithinPicker };
};

/**
 * The inspection and supervision plans issued in the jurisdiction, each leading to its teams; for a
 * writer, a plan is recorded or corrected here and a team formed from it.
 */
export function PlansListPage({ UnitPicker, write }: Props) {
  const { t, i18n } = useTranslation();
  const list = useListState(PLANS_LIST);
  const { filters } = list;
  const topics = useTopics();
  const language = i18n.resolvedLanguage ?? "vi";
  // The plan form: null closed, "new", or the id of the plan corrected.
  const [planForm, setPlanForm] = useState<string | null>(null);
  const [teamOf, setTeamOf] = useState<PlanRead | null>(null);
  const listParams = {
    year: filters.year ? Number(filters.year) : null,
    kind: filters.kind,
    withinUnitId: filters.unit,
    q: filters.q,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const plans = usePlans(listParams);

  const columns: ListColumn<PlanRead>[] = [
    {
      title: t("inspections.plans.issuedOn"),
      dataIndex: "issued_on",
      sortField: "issued_on",
      sortDirections: ["descend", "ascend", "descend"],
      render: (v: string) => formatDate(v),
    },
    { title: t("inspections.plans.year"), dataIndex: "year", sortField: "year" },
    {
      title: t("inspections.plans.title"),
      key: "title",
      render: (_: unknown, p) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{p.title}</Typography.Text>
          <Typography.Text type="secondary">
            {t("inspections.plans.documentNumber")}: {p.document_number}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t("inspections.plans.issuer"), key: "issuer", render: (_: unknown, p) => t(`inspections.issuer.${p.issuer}`) },
    { title: t("inspections.plans.organiser"), key: "organiser", render: (_: unknown, p) => p.organising_unit.name },
    { title: t("inspections.plans.kind"), key: "kind", render: (_: unknown, p) => <Tag>{t(`inspections.planKind.${p.kind}`)}</Tag> },
    {
      title: t("inspections.plans.topics"),
      key: "topics",
      render: (_: unknown, p) => (
        <Space size={[0, 4]} wrap>
          {p.topics.map((c) => (
            <Tag key={c}>{topicName(topics.data, c, language)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t("inspections.plans.teams"),
      key: "teams",
      render: (_: unknown, p) => (
        <Link to={`/inspections?plan=${p.id}`} aria-label={`${t("inspections.plans.openTeams")}: ${p.title}`}>
          {t("inspections.plans.openTeams")}
        </Link>
      ),
    },
    ...(write
      ? [
          {
            title: t("inspections.plans.actions"),
            key: "actions",
            render: (_: unknown, p: PlanRead) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setPlanForm(p.id)} aria-label={`${t("inspections.plans.edit")}: ${p.title}`}>
                  {t("inspections.plans.edit")}
                </Button>
                <Button type="link" size="small" onClick={() => setTeamOf(p)} aria-label={`${t("inspections.plans.formTeam")}: ${p.title}`}>
                  {t("inspections.plans.formTeam")}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <FilterBar
        list={list}
        exportFile={{ name: "inspections-plans", download: () => exportPlans(listParams) }}
        UnitPicker={UnitPicker}
        actions={
          write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanForm("new")}>
              {t("inspections.plans.create")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={plans} columns={columns} rowKey="id" />
      <Suspense fallback={null}>
        {write && planForm !== null && (
          <PlanFormDrawer
            planId={planForm === "new" ? null : planForm}
            ownUnitId={write.ownUnitId}
            UnitPicker={UnitPicker}
            onClose={() => setPlanForm(null)}
          />
        )}
        {write && teamOf && (
          <TeamFormDrawer
            versioned={null}
            plan={teamOf}
            ownUnitId={write.ownUnitId}
            UnitPicker={UnitPicker}
            TargetsPicker={write.TargetsPicker}
            onClose={() => setTeamOf(null)}
          />
        )}
      </Suspense>
    </>
  );
}
