import { lazy, Suspense, useState } from "react";
import { App, Button, Popconfirm, Space, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useDeleteReception } from "../api/delete-reception";
import { exportReceptions, RECEPTIONS_PAGE_SIZE, useReceptions } from "../api/list-receptions";
import { HOST_ROLES, RECEPTION_KINDS, RECEPTION_SORTS, type ReceptionRead } from "../api/types";
import type { UnitPicker } from "./slots";

const ReceptionFormModal = lazy(() => import("./ReceptionFormModal").then((m) => ({ default: m.ReceptionFormModal })));

/** The list's URL: `q`, `unit`, `role`, `kind`, `from`/`to` (held), `sort`, `limit`, `cursor`. */
const RECEPTIONS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "receptions.list.search", maxLength: 100, width: 320 },
    unit: { kind: "unit", label: "receptions.list.unitFilter" },
    role: { kind: "multi", label: "receptions.list.hostRole", values: HOST_ROLES, optionLabel: (r) => `receptions.hostRole.${r}` },
    kind: { kind: "multi", label: "receptions.list.kind", values: RECEPTION_KINDS, optionLabel: (k) => `receptions.kind.${k}` },
    held: {
      kind: "dateRange",
      label: "receptions.list.heldRange",
      from: "from",
      to: "to",
      placeholders: ["receptions.list.heldFrom", "receptions.list.heldTo"],
    },
  },
  sort: { fields: RECEPTION_SORTS, default: "-held_on", labels: { held_on: "receptions.list.heldOn", created_at: "list.createdAt" } },
  pageSizes: [RECEPTIONS_PAGE_SIZE, 50, 100],
  empty: "receptions.list.empty",
  noMatch: "receptions.list.noMatch",
});

type Props = { canWrite: boolean; UnitPicker: UnitPicker; defaultUnitId: string | null };

/** Reception sessions and dialogues of the jurisdiction, filtered in the URL. */
export function ReceptionsListPage({ canWrite, UnitPicker, defaultUnitId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListState(RECEPTIONS_LIST);
  const { filters } = list;
  const listParams = {
    withinUnitId: filters.unit,
    hostRole: filters.role,
    kind: filters.kind,
    heldFrom: filters.held.from,
    heldTo: filters.held.to,
    q: filters.q,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const sessions = useReceptions(listParams);
  const remove = useDeleteReception();
  // null: closed; "new": the create form; an id: that session's edit form.
  const [editing, setEditing] = useState<string | null>(null);

  const onDelete = async (r: ReceptionRead) => {
    try {
      await remove.mutateAsync(r.id);
      void message.success(t("receptions.list.deleted"));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  const columns: ListColumn<ReceptionRead>[] = [
    {
      title: t("receptions.list.heldOn"),
      dataIndex: "held_on",
      sortField: "held_on",
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
  ];

  return (
    <>
      <FilterBar
        list={list}
        exportFile={{ name: "receptions", download: () => exportReceptions(listParams) }}
        UnitPicker={UnitPicker}
        actions={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              {t("receptions.list.create")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={sessions} columns={columns} rowKey="id" />
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
