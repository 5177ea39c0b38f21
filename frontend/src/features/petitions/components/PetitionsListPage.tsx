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
import { useCategories } from "../api/list-categories";
import { exportPetitions, PETITIONS_PAGE_SIZE, usePetitions } from "../api/list-petitions";
import {
  DEADLINE_STATES,
  DEFAULT_PETITION_SORT,
  KINDS,
  PETITION_SORTS,
  STATUSES,
  type PetitionKind,
  type PetitionSummary,
  type Status,
} from "../api/types";
import { categoryName } from "../labels";
import { DeadlineBadge } from "./DeadlineBadge";
import type { ReceptionPicker, UnitPicker } from "./slots";

// The intake form (antd Form, lists, date pickers) loads when first opened.
const CreatePetitionModal = lazy(() => import("./CreatePetitionModal").then((m) => ({ default: m.CreatePetitionModal })));

/** The list's URL: `q`, `kind`, `status`, `deadline`, `category`, `unit`, `from`/`to` (received), `sort`, `limit`, `cursor`. */
const PETITIONS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "petitions.list.search", maxLength: 200, width: 340 },
    kind: { kind: "multi", label: "petitions.list.kind", values: KINDS, optionLabel: (k) => `petitions.kind.${k}` },
    status: { kind: "multi", label: "petitions.list.status", values: STATUSES, optionLabel: (s) => `petitions.status.${s}`, width: 220 },
    deadline: {
      kind: "multi",
      label: "petitions.list.deadlineState",
      values: DEADLINE_STATES,
      optionLabel: (s) => `petitions.deadline.${s}`,
      width: 240,
    },
    // Codes and names come from GET /petitions/categories.
    category: { kind: "multi", label: "petitions.list.category", width: 220 },
    unit: { kind: "unit", label: "petitions.list.unit" },
    received: {
      kind: "dateRange",
      label: "petitions.list.receivedRange",
      from: "from",
      to: "to",
      placeholders: ["petitions.list.receivedFrom", "petitions.list.receivedTo"],
    },
  },
  sort: {
    fields: PETITION_SORTS,
    default: DEFAULT_PETITION_SORT,
    labels: { received_on: "petitions.list.receivedOn", due_on: "petitions.list.dueOn" },
  },
  pageSizes: [PETITIONS_PAGE_SIZE, 50, 100],
  empty: "petitions.list.empty",
  noMatch: "petitions.list.noMatch",
});

type Props = {
  canWrite: boolean;
  UnitPicker: UnitPicker;
  ReceptionPicker?: ReceptionPicker;
  /** The signed-in person's unit: where a new case is received by default. */
  defaultUnitId: string | null;
};

/** Cases of the jurisdiction, filtered and sorted in the URL, one server page at a time. */
export function PetitionsListPage({ canWrite, UnitPicker, ReceptionPicker, defaultUnitId }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? "vi";
  const list = useListState(PETITIONS_LIST);
  const { filters } = list;
  const categories = useCategories();
  const listParams = {
    kind: filters.kind,
    status: filters.status,
    deadlineState: filters.deadline,
    category: filters.category,
    withinUnitId: filters.unit,
    receivedFrom: filters.received.from,
    receivedTo: filters.received.to,
    q: filters.q,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const petitions = usePetitions(listParams);
  const [creating, setCreating] = useState(false);

  const columns: ListColumn<PetitionSummary>[] = [
    {
      title: t("petitions.list.reference"),
      dataIndex: "reference",
      render: (ref: string, p) => <Link to={`/petitions/${p.id}`}>{ref}</Link>,
    },
    {
      title: t("petitions.list.kind"),
      dataIndex: "kind",
      render: (k: PetitionKind) => <Tag>{t(`petitions.kind.${k}`)}</Tag>,
    },
    {
      title: t("petitions.list.subject"),
      dataIndex: "subject",
      render: (s: string, p) => (
        <>
          <div>{s}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {categoryName(categories.data, p.category, lng)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t("petitions.list.status"),
      dataIndex: "status",
      render: (s: Status) => t(`petitions.status.${s}`),
    },
    {
      title: t("petitions.list.handlingUnit"),
      key: "handling",
      render: (_: unknown, p) => p.handling_unit.name,
    },
    {
      title: t("petitions.list.receivedOn"),
      dataIndex: "received_on",
      sortField: "received_on",
      sortDirections: ["descend", "ascend", "descend"],
      render: (v: string) => formatDate(v),
    },
    {
      title: t("petitions.list.dueOn"),
      dataIndex: "due_on",
      sortField: "due_on",
      render: (v: string | null) => formatDate(v) || "—",
    },
    {
      title: t("petitions.list.deadlineState"),
      key: "deadline",
      render: (_: unknown, p) => <DeadlineBadge petition={p} />,
    },
  ];

  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between", alignItems: "baseline" }} wrap>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t("petitions.heading")}
        </Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("petitions.list.create")}
          </Button>
        )}
      </Space>
      <FilterBar
        list={list}
        UnitPicker={UnitPicker}
        exportFile={{ name: "petitions", download: () => exportPetitions(listParams) }}
        options={{
          category: {
            loading: categories.isPending,
            options: (categories.data ?? []).map((c) => ({ value: c.code, label: lng === "en" ? c.name_en : c.name_vi })),
          },
        }}
      />
      <ListTable list={list} query={petitions} columns={columns} rowKey="id" />
      {canWrite && creating && (
        <Suspense fallback={null}>
          <CreatePetitionModal
            onClose={() => setCreating(false)}
            UnitPicker={UnitPicker}
            ReceptionPicker={ReceptionPicker}
            defaultUnitId={defaultUnitId}
          />
        </Suspense>
      )}
    </>
  );
}
