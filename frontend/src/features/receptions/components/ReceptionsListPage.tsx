import "../../../i18n/receptions";
import { lazy, Suspense, useState } from "react";
import { Alert, App, Button, Card, DatePicker, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { formatList, parseList, useListParams } from "../../../lib/search-params";
import { sortOrderOf, sortParam, validSort } from "../../../components/list-page/sort";
import { useDeleteReception } from "../api/delete-reception";
import { useReceptions } from "../api/list-receptions";
import { HOST_ROLES, RECEPTION_KINDS, RECEPTION_SORTS, type HostRole, type ReceptionKind, type ReceptionRead } from "../api/types";
import type { UnitPicker } from "./slots";

const ReceptionFormModal = lazy(() => import("./ReceptionFormModal").then((m) => ({ default: m.ReceptionFormModal })));

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS = ["unit", "role", "kind", "from", "to", "q", "sort"] as const;

type Props = { canWrite: boolean; UnitPicker: UnitPicker; defaultUnitId: string | null };

/** Reception sessions and dialogues of the jurisdiction, filtered in the URL. */
export function ReceptionsListPage({ canWrite, UnitPicker, defaultUnitId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { values, cursor, setFilters, setCursor } = useListParams(FILTERS);
  const sort = validSort(values.sort, RECEPTION_SORTS, "-held_on");
  const roles = parseList(values.role, HOST_ROLES);
  const kinds = parseList(values.kind, RECEPTION_KINDS);
  const from = DAY.test(values.from) ? values.from : null;
  const to = DAY.test(values.to) ? values.to : null;
  const sessions = useReceptions({
    withinUnitId: values.unit || null,
    hostRole: roles,
    kind: kinds,
    heldFrom: from,
    heldTo: to,
    q: values.q,
    sort,
    cursor,
  });
  const remove = useDeleteReception();
  // null: closed; "new": the create form; an id: that session's edit form.
  const [editing, setEditing] = useState<string | null>(null);
  const filtered = FILTERS.some((k) => k !== "sort" && values[k]);

  const onDelete = async (r: ReceptionRead) => {
    try {
      await remove.mutateAsync(r.id);
      void message.success(t("receptions.list.deleted"));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            key={`q:${values.q}`}
            defaultValue={values.q}
            aria-label={t("receptions.list.search")}
            placeholder={t("receptions.list.search")}
            onSearch={(v) => setFilters({ q: v.trim() })}
            style={{ width: 320 }}
          />
          <div style={{ width: 260 }}>
            <UnitPicker value={values.unit || null} onChange={(v) => setFilters({ unit: v })} placeholder={t("receptions.list.unitFilter")} />
          </div>
          <Select<HostRole[]>
            mode="multiple"
            allowClear
            aria-label={t("receptions.list.hostRole")}
            placeholder={t("receptions.list.hostRole")}
            value={roles}
            onChange={(v) => setFilters({ role: formatList(v) })}
            options={HOST_ROLES.map((r) => ({ value: r, label: t(`receptions.hostRole.${r}`) }))}
            style={{ minWidth: 200 }}
            maxTagCount="responsive"
          />
          <Select<ReceptionKind[]>
            mode="multiple"
            allowClear
            aria-label={t("receptions.list.kind")}
            placeholder={t("receptions.list.kind")}
            value={kinds}
            onChange={(v) => setFilters({ kind: formatList(v) })}
            options={RECEPTION_KINDS.map((k) => ({ value: k, label: t(`receptions.kind.${k}`) }))}
            style={{ minWidth: 180 }}
            maxTagCount="responsive"
          />
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            allowEmpty={[true, true]}
            aria-label={t("receptions.list.heldRange")}
            placeholder={[t("receptions.list.heldFrom"), t("receptions.list.heldTo")]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(range) => setFilters({ from: range?.[0]?.format("YYYY-MM-DD"), to: range?.[1]?.format("YYYY-MM-DD") })}
          />
          {filtered && (
            <Button onClick={() => setFilters(Object.fromEntries(FILTERS.filter((k) => k !== "sort").map((k) => [k, null])))}>
              {t("receptions.list.clearFilters")}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              {t("receptions.list.create")}
            </Button>
          )}
        </Space>
      </Card>
      {sessions.isError && <Alert type="error" showIcon title={errorMessage(t, sessions.error)} style={{ marginBottom: 12 }} />}
      <Table<ReceptionRead>
        rowKey="id"
        size="middle"
        loading={sessions.isFetching}
        dataSource={sessions.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{
          emptyText: (
            <Empty description={sessions.isError ? t("list.loadFailed") : filtered ? t("receptions.list.noMatch") : t("receptions.list.empty")} />
          ),
        }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setFilters({ sort: sortParam(s?.field, s?.order, RECEPTION_SORTS) });
        }}
        columns={[
          {
            title: t("receptions.list.heldOn"),
            dataIndex: "held_on",
            sorter: true,
            sortOrder: sortOrderOf(sort, "held_on"),
            sortDirections: ["descend", "ascend", "descend"],
            render: (v: string) => formatDate(v),
          },
          { title: t("receptions.list.unit"), key: "unit", render: (_: unknown, r) => r.unit.name },
          {
            title: t("receptions.list.kind"),
            key: "kind",
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Tag color={r.kind.startsWith("dialogue") ? "purple" : undefined}>{t(`receptions.kind.${r.kind}`)}</Tag>
                {r.mode === "online" && <Tag color="blue">{t("receptions.mode.online")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("receptions.list.host"),
            key: "host",
            render: (_: unknown, r) => (
              <>
                <div>{r.host_name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`receptions.hostRole.${r.host_role}`)}
                </Typography.Text>
              </>
            ),
          },
          { title: t("receptions.list.place"), dataIndex: "place" },
          { title: t("receptions.list.citizens"), dataIndex: "citizens_received", align: "right" },
          { title: t("receptions.list.cases"), dataIndex: "cases_received", align: "right" },
          {
            title: t("receptions.list.notes"),
            dataIndex: "notes",
            render: (v: string | null) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240 }}>
                {v ?? ""}
              </Typography.Text>
            ),
          },
          ...(canWrite
            ? [
                {
                  title: "",
                  key: "actions",
                  render: (_: unknown, r: ReceptionRead) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(r.id)}
                        aria-label={t("receptions.list.editOne", { date: formatDate(r.held_on) })}
                      />
                      <Popconfirm
                        title={t("receptions.list.deleteConfirm", { date: formatDate(r.held_on) })}
                        okText={t("common.confirm")}
                        cancelText={t("common.cancel")}
                        onConfirm={() => onDelete(r)}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t("receptions.list.deleteOne", { date: formatDate(r.held_on) })}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CursorPager cursor={cursor} nextCursor={sessions.data?.next_cursor} onChange={setCursor} />
      {canWrite && editing && (
        <Suspense fallback={null}>
          <ReceptionFormModal
            receptionId={editing === "new" ? null : editing}
            defaultUnitId={defaultUnitId}
            UnitPicker={UnitPicker}
            onClose={() => setEditing(null)}
          />
        </Suspense>
      )}
    </>
  );
}
