import type { UseQueryResult } from "@tanstack/react-query";
import { Alert, Card, Descriptions, Empty, Skeleton, Space, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime } from "../../../lib/format";
import type { TeamEventRead } from "../api/types";
import { problemMessage } from "../labels";

/** The team's acts, oldest first: who did what, when, from which state to which, with what data. */
export function TeamTimeline({ events }: { events: UseQueryResult<TeamEventRead[]> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("inspections.timeline.title")}>
      {events.isPending && <Skeleton active />}
      {events.isError && <Alert type="error" showIcon title={problemMessage(t, events.error)} />}
      {events.data && events.data.length === 0 && <Empty description={t("inspections.timeline.empty")} />}
      {events.data && events.data.length > 0 && (
        <Timeline
          items={events.data.map((e) => ({
            key: e.id,
            color: e.action === "cancel" ? "red" : "blue",
            content: <EventItem event={e} />,
          }))}
        />
      )}
    </Card>
  );
}

function EventItem({ event: e }: { event: TeamEventRead }) {
  const { t } = useTranslation();
  const details = Object.entries(e.data).filter(([, v]) => v !== null && v !== undefined && v !== "");
  return (
    <Space orientation="vertical" size={2} style={{ display: "flex" }}>
      <Space wrap size={6}>
        <Typography.Text strong>{t(`inspections.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
        <Typography.Text>
          {t(`inspections.status.${e.from_status}`)} → {t(`inspections.status.${e.to_status}`)}
        </Typography.Text>
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t("inspections.timeline.meta", {
          date: formatDate(e.effective_on),
          at: formatDateTime(e.occurred_at),
          // The system's own acts (imports, the demo) are named in the reader's language.
          who:
            e.actor_type === "system" || !e.actor_name
              ? t(`inspections.timeline.actor.${e.actor_type}`, { defaultValue: e.actor_name ?? e.actor_type })
              : e.actor_name,
        })}
      </Typography.Text>
      {details.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          items={details.map(([key, value]) => ({
            key,
            label: t(`inspections.timeline.field.${key}`, { defaultValue: key }),
            children: <span style={{ whiteSpace: "pre-wrap" }}>{String(value)}</span>,
          }))}
        />
      )}
    </Space>
  );
}
