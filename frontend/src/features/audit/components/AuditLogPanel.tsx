import { Alert, DatePicker, Descriptions, Empty, Input, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { useListParams } from "../../../lib/search-params";
import { sortOrderOf, sortParam, validSort } from "../../../components/list-page/sort";
import { AUDIT_SORTS, useAuditEvents, type AuditEvent } from "../api/list-audit-events";
import { diffChanges, showValue } from "./changes";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** since/until are calendar days in the URL, sent as the start of the first and the end of the last local day. */
function dayBounds(since: string, until: string) {
  return {
    since: DAY.test(since) ? dayjs(since).startOf("day").toISOString() : undefined,
    until: DAY.test(until) ? dayjs(until).endOf("day").toISOString() : undefined,
  };
}

export function AuditLogPanel() {
  const { t } = useTranslation();
  const { values, cursor, setFilters, setCursor } = useListParams(["action", "resource", "since", "until", "sort"] as const);
  const sort = validSort(values.sort, AUDIT_SORTS, "-id");
  const events = useAuditEvents({
    sort,
    action: values.action,
    resourceType: values.resource,
    ...dayBounds(values.since, values.until),
    cursor,
  });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          key={`a:${values.action}`}
          defaultValue={values.action}
          placeholder={t("audit.actionPlaceholder")}
          onSearch={(v) => setFilters({ action: v.trim() })}
          style={{ width: 220 }}
        />
        <Input.Search
          allowClear
          key={`r:${values.resource}`}
          defaultValue={values.resource}
          placeholder={t("audit.resourcePlaceholder")}
          onSearch={(v) => setFilters({ resource: v.trim() })}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          allowEmpty={[true, true]}
          value={[DAY.test(values.since) ? dayjs(values.since) : null, DAY.test(values.until) ? dayjs(values.until) : null]}
          onChange={(range) =>
            setFilters({ since: range?.[0]?.format("YYYY-MM-DD"), until: range?.[1]?.format("YYYY-MM-DD") })
          }
        />
      </Space>
      {events.isError && <Alert type="error" showIcon message={errorMessage(t, events.error)} style={{ marginBottom: 12 }} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={events.isFetching}
        dataSource={events.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={events.isError ? t("list.loadFailed") : t("audit.empty")} /> }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          // The time column sorts by the event's sequence number, which follows time.
          setFilters({ sort: sortParam(s?.order ? "id" : undefined, s?.order, AUDIT_SORTS) });
        }}
        expandable={{
          rowExpandable: (e) => Object.keys(e.changes).length > 0 || e.client_address !== null || e.request_id !== null,
          expandedRowRender: (e) => <EventDetails event={e} />,
        }}
        columns={[
          {
            title: t("audit.time"),
            dataIndex: "occurred_at",
            render: (v: string) => formatDateTime(v),
            width: 150,
            sorter: true,
            sortOrder: sortOrderOf(sort, "id"),
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
        ]}
      />
      <CursorPager cursor={cursor} nextCursor={events.data?.next_cursor} onChange={setCursor} />
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
