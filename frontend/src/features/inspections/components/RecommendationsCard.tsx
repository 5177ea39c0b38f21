import { lazy, Suspense, useState } from "react";
import { Alert, Button, Card, Space, Table, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { useTeamRecommendations } from "../api/list-team-recommendations";
import type { FindingRead, RecommendationSummary, TeamRead } from "../api/types";
import { problemMessage } from "../labels";
import { RecommendationDueBadge, RecommendationStatusTag } from "./RecommendationBadges";
import type { UnitPicker } from "./slots";

const IssueRecommendationModal = lazy(() => import("./IssueRecommendationModal").then((m) => ({ default: m.IssueRecommendationModal })));
const RecommendationDrawer = lazy(() => import("./RecommendationDrawer").then((m) => ({ default: m.RecommendationDrawer })));

type Props = {
  team: TeamRead;
  findings: readonly FindingRead[] | undefined;
  /** The reader is the organiser and the team is concluded: it may issue recommendations. */
  canIssue: boolean;
  /** For an owner unit of the organiser's subtree other than those visited. */
  UnitPicker?: UnitPicker;
};

/** The team's recommendations (kiến nghị): owner unit, content, due date, state; each opens its follow-up. */
export function RecommendationsCard({ team, findings, canIssue, UnitPicker }: Props) {
  const { t } = useTranslation();
  const list = useTeamRecommendations(team.id);
  const [issuing, setIssuing] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const concludedYet = team.status === "concluded" || team.status === "closed";

  return (
    <Card
      size="small"
      title={t("inspections.team.recommendations")}
      extra={
        canIssue && (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
            {t("inspections.rec.issue")}
          </Button>
        )
      }
    >
      {list.isError ? (
        <Alert type="error" showIcon title={problemMessage(t, list.error)} />
      ) : (
        <Table<RecommendationSummary>
          size="small"
          pagination={false}
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          locale={{ emptyText: concludedYet ? t("inspections.rec.none") : t("inspections.rec.afterConclusion") }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: "pointer" } })}
          columns={[
            { title: t("inspections.rec.owner"), key: "owner", render: (_: unknown, r) => r.owner_unit.name },
            {
              title: t("inspections.rec.content"),
              key: "content",
              render: (_: unknown, r) => (
                <Button type="link" style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }} onClick={() => setOpenId(r.id)}>
                  {r.content}
                </Button>
              ),
            },
            { title: t("inspections.rec.due"), key: "due", render: (_: unknown, r) => <RecommendationDueBadge recommendation={r} withDate /> },
            { title: t("inspections.rec.status"), key: "status", render: (_: unknown, r) => <RecommendationStatusTag status={r.status} /> },
          ]}
        />
      )}
      {team.status === "concluded" && (list.data ?? []).some((r) => r.status !== "verified_closed") && (
        <Space style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t("inspections.rec.closeRule")}</Typography.Text>
        </Space>
      )}
      <Suspense fallback={null}>
        {issuing && <IssueRecommendationModal team={team} findings={findings} UnitPicker={UnitPicker} onClose={() => setIssuing(false)} />}
        {openId && <RecommendationDrawer recommendationId={openId} onClose={() => setOpenId(null)} />}
      </Suspense>
    </Card>
  );
}
