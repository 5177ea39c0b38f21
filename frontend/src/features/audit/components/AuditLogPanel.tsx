import { Descriptions, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList, type DateRange } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { formatDateTime } from "../../../lib/format";
import { AUDIT_PAGE_SIZE, AUDIT_SORTS, exportAuditEvents, useAuditEvents, type AuditEvent } from "../api/list-audit-events";
import { diffChanges, showValue } from "./changes";

/** The list's URL: `action`, `resource` (type), `since`/`until` (days), `sort` (`id` or `-id`), `limit`, `cursor`. */
const AUDIT_LIST = defineList({
  filters: {
    action: { kind: "search", label: "audit.actionPlaceholder", maxLength: 64, width: 220 },
    resource: { kind: "search", label: "audit.resourcePlaceholder", maxLength: 64, width: 200 },
    period: { kind: "dateRange", label: "audit.period", from: "since", to: "until" },
  },
  // Events are numbered in the order they happened: the time column sorts by that number.
  sort: { fields: AUDIT_SORTS, default: "-id", labels: { id: "audit.time" } },
  pageSizes: [AUDIT_PAGE_SIZE, 100, 200],
  empty: "audit.empty",
});

/** since/until are calendar days in the URL, sent as the start of the first and the end of the last local day. */
function dayBounds({ from, to }: DateRange) {
  return {
    since: from ? dayjs(from).startOf("day").toISOString() : undefined,
    until: to ? dayjs(to).endOf("day").toISOString() : undefined,
  };
}

export function AuditLogPanel() {
  const { t } = useTranslation();
  const list = useListState(AUDIT_LIST);
  const listParams = {
    sort: list.sort,
    action: list.filters.action,
    resourceType: list.filters.resource,
    ...dayBounds(list.filters.period),
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const events = useAuditEvents(listParams);

  const columns: ListColumn<AuditEvent>[] = [
    {
      title: t("audit.time"),
      dataIndex: "occurred_at",
      render: (v: string) => formatDateTime(v),
      width: 150,
      sortField: "id",
      sortDirections: ["descend", "ascend", "descend"],
    },
    {
      title: t("audit.actor"),
      key: "actor",
      render: (_: unknown, e: AuditEvent) => (
        <>
          {e.actor_name ?? (e.actor_id ? e.actor_id.slice(0, 8) : "—")}{" "}
          <Typography.Text type="secondary">({t(`audit.actorType.${e.actor_type}`, { defaultValue: e.actor_type })})</Typography.Text>
        </>
      ),
    },
    { title: t("audit.action"), dataIndex: "action", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t("audit.resource"),
      key: "resource",
      render: (_: unknown, e: AuditEvent) => (
        <>
          {e.resource_type}
          {e.resource_id && <Typography.Text type="secondary"> · {e.resource_id.slice(0, 8)}</Typography.Text>}
        </>
      ),
    },
    {
      title: t("audit.changes"),
      key: "changes",
      render: (_: unknown, e: AuditEvent) => {
        const diff = diffChanges(e.changes);
        if (!diff.length) return "—";
        const names = diff.map((d) => d.field || "…");
        return (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
            {names.slice(0, 4).join(", ")}
            {names.length > 4 ? ` +${names.length - 4}` : ""}
          </Typography.Text>
        );
      },
    },
  ];

  return (
    <>
      <FilterBar list={list} exportFile={{ name: "audit-events", download: () => exportAuditEvents(listParams) }} />
      <ListTable
        list={list}
        query={events}
        columns={columns}
        rowKey="id"
        size="small"
        expandable={{
          rowExpandable: (e) => Object.keys(e.changes).length > 0 || e.client_address !== null || e.request_id !== null,
          expandedRowRender: (e) => <EventDetails event={e} />,
        }}
      />
    </>
  );
}

function EventDetails({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const diff = diffChanges(event.changes);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {diff.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => r.field || "_"}
          dataSource={diff}
          columns={[
            { title: t("audit.field"), dataIndex: "field", render: (v: string) => v || "—" },
            { title: t("audit.before"), dataIndex: "before", render: (v: unknown) => <code>{showValue(v)}</code> },
            { title: t("audit.after"), dataIndex: "after", render: (v: unknown) => <code>{showValue(v)}</code> },
          ]}
        />
      )}
      <Descriptions size="small" column={1}>
        {event.resource_id && <Descriptions.Item label={t("audit.resourceId")}>{event.resource_id}</Descriptions.Item>}
        {event.client_address && <Descriptions.Item label={t("audit.clientAddress")}>{event.client_address}</Descriptions.Item>}
        {event.request_id && <Descriptions.Item label={t("audit.requestId")}>{event.request_id}</Descriptions.Item>}
      </Descriptions>
    </Space>
  );
}
