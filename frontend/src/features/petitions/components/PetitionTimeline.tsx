import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Alert, Card, Descriptions, Skeleton, Space, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import type { EventRead } from "../api/types";
import { formatBytes, shortType } from "../../../lib/files";
import type { UnitName } from "./slots";

type Props = { events: UseQueryResult<EventRead[]>; UnitName: UnitName };

/** The case's history, oldest first: who did what, when, from which state to which, with what data. */
export function PetitionTimeline({ events, UnitName }: Props) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t("petitions.timeline.title")}>
      {events.isPending && <Skeleton active />}
      {events.isError && <Alert type="error" showIcon title={errorMessage(t, events.error)} />}
      {events.data && (
        <Timeline
          items={events.data.map((e) => ({
            key: e.id,
            color: e.from_status !== e.to_status ? "blue" : "gray",
            children: <EventItem event={e} UnitName={UnitName} />,
          }))}
        />
      )}
    </Card>
  );
}

function EventItem({ event: e, UnitName }: { event: EventRead; UnitName: UnitName }) {
  const { t } = useTranslation();
  const moved = e.from_status !== null && e.from_status !== e.to_status;
  const details = eventData(e, t, UnitName);
  return (
    <Space orientation="vertical" size={2} style={{ display: "flex" }}>
      <Space wrap size={6}>
        <Typography.Text strong>{t(`petitions.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
        {moved && (
          <Typography.Text>
            {t(`petitions.status.${e.from_status}`)} → {t(`petitions.status.${e.to_status}`)}
          </Typography.Text>
        )}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t("petitions.timeline.meta", {
          date: formatDate(e.effective_on),
          at: formatDateTime(e.occurred_at),
          who: e.actor_name ?? t(`petitions.timeline.actor.${e.actor_type}`, { defaultValue: e.actor_type }),
        })}
      </Typography.Text>
      {details.length > 0 && (
        <Descriptions size="small" column={1} items={details.map(([label, value], i) => ({ key: i, label, children: value }))} />
      )}
    </Space>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** An event's data as labelled lines; every field is named, none is shown raw unless unknown. */
function eventData(e: EventRead, t: T, UnitName: UnitName): [string, ReactNode][] {
  const out: [string, ReactNode][] = [];
  for (const [key, value] of Object.entries(e.data)) {
    if (value === null || value === undefined || value === "") continue;
    const label = t(`petitions.timeline.field.${key}`, { defaultValue: key });
    switch (key) {
      case "outcome":
        out.push([label, t(`petitions.outcome.${String(value)}`)]);
        break;
      case "channel":
        out.push([label, t(`petitions.channel.${String(value)}`)]);
        break;
      case "kind":
        out.push([label, t(`petitions.linkKind.${String(value)}`)]);
        break;
      case "target_unit_id":
        out.push([label, <UnitName key={key} unitId={String(value)} />]);
        break;
      case "petition_id":
        out.push([label, <Link key={key} to={`/petitions/${String(value)}`}>{t("petitions.timeline.openLinked")}</Link>]);
        break;
      case "outside_jurisdiction":
        out.push([t("petitions.timeline.field.petition_id"), t("petitions.links.outside")]);
        break;
      case "extension_days":
        out.push([label, t("petitions.dayBasis.calendar", { count: Number(value) })]);
        break;
      case "content_type":
        out.push([label, shortType(String(value))]);
        break;
      case "size":
        out.push([label, formatBytes(Number(value))]);
        break;
      case "confidential":
        out.push([label, value ? t("common.yes") : t("petitions.page.no")]);
        break;
      case "attachment_id":
        break;
      case "fields":
        out.push([
          label,
          (Array.isArray(value) ? value : [value]).map((f) => t(`petitions.timeline.field.${String(f)}`, { defaultValue: String(f) })).join(", "),
        ]);
        break;
      default:
        out.push([label, typeof value === "object" ? JSON.stringify(value) : String(value)]);
    }
  }
  return out;
}
