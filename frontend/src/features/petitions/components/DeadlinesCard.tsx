import { Card, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import type { DeadlineRead, PetitionRead } from "../api/types";
import { limitState, todayInVietnam } from "../deadline";

const TONE: Record<ReturnType<typeof limitState>, string> = {
  on_track: "green",
  at_risk: "orange",
  overdue: "red",
  ended_on_time: "default",
  ended_late: "red",
};

/** The case's legal time limits, running and past, each with its legal basis. */
export function DeadlinesCard({ petition }: { petition: PetitionRead }) {
  const { t } = useTranslation();
  const today = todayInVietnam();
  return (
    <Card size="small" title={t("petitions.deadlines.title")}>
      <Table<DeadlineRead>
        rowKey={(d) => `${d.stage}-${d.instance}-${d.started_on}`}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={petition.deadlines}
        locale={{ emptyText: t("petitions.deadlines.empty") }}
        columns={[
          {
            title: t("petitions.deadlines.stage"),
            key: "stage",
            render: (_: unknown, d) => (
              <>
                {t(`petitions.stage.${d.stage}`)}
                {d.instance > 1 && <Typography.Text type="secondary"> ({t("petitions.deadlines.secondInstance")})</Typography.Text>}
              </>
            ),
          },
          { title: t("petitions.deadlines.started"), dataIndex: "started_on", render: (v: string) => formatDate(v) },
          {
            title: t("petitions.deadlines.length"),
            key: "days",
            render: (_: unknown, d) => (
              <>
                {t(`petitions.dayBasis.${d.day_basis}`, { count: d.days })}
                {d.extended_days > 0 && (
                  <Typography.Text type="secondary">
                    {" "}({t("petitions.deadlines.extended", { base: d.base_days, extended: d.extended_days })})
                  </Typography.Text>
                )}
                {d.paused_days > 0 && (
                  <Typography.Text type="secondary"> ({t("petitions.deadlines.paused", { count: d.paused_days })})</Typography.Text>
                )}
              </>
            ),
          },
          { title: t("petitions.deadlines.due"), dataIndex: "due_on", render: (v: string) => <strong>{formatDate(v)}</strong> },
          {
            title: t("petitions.deadlines.ended"),
            key: "ended",
            render: (_: unknown, d) => {
              const state = limitState(d, today);
              return (
                <>
                  {d.ended_on ? `${formatDate(d.ended_on)} ` : ""}
                  <Tag color={TONE[state]} style={state === "at_risk" ? { color: "#ad4e00" } : undefined}>
                    {t(`petitions.deadline.${state}`)}
                  </Tag>
                </>
              );
            },
          },
          { title: t("petitions.deadlines.legalBasis"), dataIndex: "legal_basis" },
        ]}
      />
    </Card>
  );
}
