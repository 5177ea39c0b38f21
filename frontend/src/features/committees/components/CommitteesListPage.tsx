import { lazy, Suspense, useMemo, useState } from "react";
import { Button, Space, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { formatDate } from "../../../lib/format";
import { COMMITTEES_PAGE_SIZE, exportCommittees, useCommittees } from "../api/list-committees";
import { COMMITTEE_KINDS, COMMITTEE_SORTS, COMPLIANCE_STATES, type CommitteeRead } from "../api/types";
import { useSubtreeCompliance } from "../api/get-subtree-compliance";
import { badgesFromReport } from "../work";
import { ComplianceBadge, ReportBadge } from "./ComplianceBadge";
import type { OwnUnit, UnitPicker } from "./slots";

const CommitteeFormModal = lazy(() => import("./CommitteeFormModal").then((m) => ({ default: m.CommitteeFormModal })));

/**
 * The list's URL: `q`, `kind`, `unit` (subtree), `on` (a term in force that day), `compliance` (judged on
 * that day, else today), `sort`, `limit`, `cursor`.
 */
export const COMMITTEES_LIST = defineList({
  filters: {
    q: { kind: "search", label: "committees.list.search", maxLength: 100, width: 280 },
    kind: { kind: "multi", label: "committees.list.kind", values: COMMITTEE_KINDS, optionLabel: (k) => `committees.kind.${k}`, width: 280 },
    unit: { kind: "unit", label: "committees.list.unit" },
    on: { kind: "date", label: "committees.list.inTermOn", width: 200 },
    compliance: {
      kind: "select",
      label: "committees.list.complianceFilter",
      values: COMPLIANCE_STATES,
      optionLabel: (v) => (v === "compliant" ? "committees.compliant" : "committees.notCompliant"),
      width: 200,
    },
  },
  sort: { fields: COMMITTEE_SORTS, default: "name", labels: { name: "committees.list.name", created_at: "list.createdAt" } },
  pageSizes: [COMMITTEES_PAGE_SIZE, 50, 100],
  empty: "committees.list.empty",
  noMatch: "committees.list.noMatch",
});

type Props = {
  UnitPicker: UnitPicker;
  /** Given to holders of committees:write: a new committee is recorded from the list. */
  canWrite: boolean;
  /** The reader's unit, the new committee's unit until another is picked. */
  ownUnit?: OwnUnit;
};

/**
 * The committees of the reader's jurisdiction, each with a badge saying whether its composition
 * complies with the rules in force (on the "in term" day when one is chosen, else today).
 */
export function CommitteesListPage({ UnitPicker, canWrite, ownUnit = null }: Props) {
  const { t } = useTranslation();
  const list = useListState(COMMITTEES_LIST);
  const { filters } = list;
  const [creating, setCreating] = useState(false);
  const asOf = filters.on ?? dayjs().format("YYYY-MM-DD");
  const listParams = {
    kind: filters.kind,
    withinUnitId: filters.unit,
    inTermOn: filters.on,
    compliance: filters.compliance,
    q: filters.q,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const committees = useCommittees(listParams);
  // Every badge of the page from one report on the page's committees (within the unit filter, or the
  // reader's jurisdiction); a row the report cannot speak for, or a failed report, falls back to its own
  // compliance.
  const ids = useMemo(() => (committees.data?.items ?? []).map((c) => c.id), [committees.data]);
  const report = useSubtreeCompliance(filters.unit ?? null, asOf, ids);
  const badges = report.data ? badgesFromReport(report.data, committees.data?.items ?? []) : null;
  const badge = (c: CommitteeRead) => {
    if (report.isPending) return <Tag>…</Tag>;
    const b = badges?.get(c.id);
    return b ? <ReportBadge badge={b} /> : <ComplianceBadge committeeId={c.id} asOf={asOf} />;
  };

  const columns: ListColumn<CommitteeRead>[] = [
    {
      title: t("committees.list.name"),
      dataIndex: "name",
      sortField: "name",
      render: (_: unknown, c) => <Link to={`/committees/${c.id}`}>{c.name}</Link>,
    },
    { title: t("committees.list.kind"), key: "kind", render: (_: unknown, c) => <Tag>{t(`committees.kind.${c.kind}`)}</Tag> },
    { title: t("committees.list.unitColumn"), key: "unit", render: (_: unknown, c) => c.unit.name },
    {
      title: t("committees.list.decision"),
      key: "decision",
      render: (_: unknown, c) => (
        <Space orientation="vertical" size={0}>
          {c.established_document && (
            <Typography.Text>
              {c.established_document}
              {c.established_on ? ` — ${formatDate(c.established_on)}` : ""}
            </Typography.Text>
          )}
          {c.established_by && <Typography.Text type="secondary">{c.established_by}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t("committees.list.compliance"),
      key: "compliance",
      render: (_: unknown, c) =>
        c.status === "dissolved" ? <Tag>{t("committees.status.dissolved")}</Tag> : badge(c),
    },
  ];

  return (
    <>
      <FilterBar
        list={list}
        exportFile={{ name: "committees", download: () => exportCommittees(listParams) }}
        UnitPicker={UnitPicker}
        actions={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("committees.list.create")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={committees} columns={columns} rowKey="id" />
      <Suspense fallback={null}>
        {canWrite && creating && <CommitteeFormModal UnitPicker={UnitPicker} ownUnit={ownUnit} onClose={() => setCreating(false)} />}
      </Suspense>
    </>
  );
}
