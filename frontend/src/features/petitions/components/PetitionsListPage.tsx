import "../../../i18n/petitions";
import { lazy, Suspense, useState } from "react";
import { Alert, Button, Card, DatePicker, Empty, Input, Select, Space, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { formatList, parseList, useListParams } from "../../../lib/search-params";
import { sortOrderOf, sortParam, validSort } from "../../../components/list-page/sort";
import { useCategories } from "../api/list-categories";
import { usePetitions } from "../api/list-petitions";
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

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS = ["kind", "status", "deadline", "category", "unit", "from", "to", "q", "sort"] as const;

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
  const { values, cursor, setFilters, setCursor } = useListParams(FILTERS);
  const sort = validSort(values.sort, PETITION_SORTS, DEFAULT_PETITION_SORT);
  const kind = parseList(values.kind, KINDS);
  const status = parseList(values.status, STATUSES);
  const deadline = parseList(values.deadline, DEADLINE_STATES);
  const category = values.category ? values.category.split(",") : [];
  const from = DAY.test(values.from) ? values.from : null;
  const to = DAY.test(values.to) ? values.to : null;
  const categories = useCategories();
  const petitions = usePetitions({
    kind,
    status,
    deadlineState: deadline,
    category,
    withinUnitId: values.unit || null,
    receivedFrom: from,
    receivedTo: to,
    q: values.q,
    sort,
    cursor,
  });
  const [creating, setCreating] = useState(false);
  const filtered = FILTERS.some((k) => k !== "sort" && values[k]);

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
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            key={`q:${values.q}`}
            defaultValue={values.q}
            aria-label={t("petitions.list.search")}
            placeholder={t("petitions.list.search")}
            onSearch={(v) => setFilters({ q: v.trim() })}
            style={{ width: 340 }}
          />
          <Select<PetitionKind[]>
            mode="multiple"
            allowClear
            aria-label={t("petitions.list.kind")}
            placeholder={t("petitions.list.kind")}
            value={kind}
            onChange={(v) => setFilters({ kind: formatList(v) })}
            options={KINDS.map((k) => ({ value: k, label: t(`petitions.kind.${k}`) }))}
            style={{ width: 200 }}
            maxTagCount="responsive"
          />
          <Select<Status[]>
            mode="multiple"
            allowClear
            aria-label={t("petitions.list.status")}
            placeholder={t("petitions.list.status")}
            value={status}
            onChange={(v) => setFilters({ status: formatList(v) })}
            options={STATUSES.map((s) => ({ value: s, label: t(`petitions.status.${s}`) }))}
            style={{ width: 220 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            aria-label={t("petitions.list.deadlineState")}
            placeholder={t("petitions.list.deadlineState")}
            value={deadline}
            onChange={(v: string[]) => setFilters({ deadline: formatList(v) })}
            options={DEADLINE_STATES.map((s) => ({ value: s, label: t(`petitions.deadline.${s}`) }))}
            style={{ width: 240 }}
            maxTagCount="responsive"
          />
          <Select
            mode="multiple"
            allowClear
            aria-label={t("petitions.list.category")}
            placeholder={t("petitions.list.category")}
            value={category}
            loading={categories.isPending}
            onChange={(v: string[]) => setFilters({ category: formatList(v) })}
            options={(categories.data ?? []).map((c) => ({ value: c.code, label: lng === "en" ? c.name_en : c.name_vi }))}
            style={{ width: 220 }}
            maxTagCount="responsive"
          />
          <div style={{ width: 260 }}>
            <UnitPicker
              value={values.unit || null}
              onChange={(v) => setFilters({ unit: v })}
              placeholder={t("petitions.list.unit")}
            />
          </div>
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            allowEmpty={[true, true]}
            aria-label={t("petitions.list.receivedRange")}
            placeholder={[t("petitions.list.receivedFrom"), t("petitions.list.receivedTo")]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) =>
              setFilters({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })
            }
          />
          {filtered && (
            <Button
              onClick={() => setFilters(Object.fromEntries(FILTERS.filter((k) => k !== "sort").map((k) => [k, null])))}
            >
              {t("petitions.list.clearFilters")}
            </Button>
          )}
        </Space>
      </Card>
      {petitions.isError && (
        <Alert type="error" showIcon title={errorMessage(t, petitions.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<PetitionSummary>
        rowKey="id"
        size="middle"
        loading={petitions.isFetching}
        dataSource={petitions.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{
          emptyText: (
            <Empty
              description={
                petitions.isError ? t("list.loadFailed") : filtered ? t("petitions.list.noMatch") : t("petitions.list.empty")
              }
            />
          ),
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setFilters({ sort: sortParam(s?.field, s?.order, PETITION_SORTS) });
        }}
        columns={[
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
            sorter: true,
            sortOrder: sortOrderOf(sort, "received_on"),
            sortDirections: ["descend", "ascend", "descend"],
            render: (v: string) => formatDate(v),
          },
          {
            title: t("petitions.list.dueOn"),
            dataIndex: "due_on",
            sorter: true,
            sortOrder: sortOrderOf(sort, "due_on"),
            render: (v: string | null) => formatDate(v) || "—",
          },
          {
            title: t("petitions.list.deadlineState"),
            key: "deadline",
            render: (_: unknown, p) => <DeadlineBadge petition={p} />,
          },
        ]}
      />
      <CursorPager cursor={cursor} nextCursor={petitions.data?.next_cursor} onChange={setCursor} />
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
