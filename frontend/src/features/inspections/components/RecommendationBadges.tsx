import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import type { RecommendationStatus, RecommendationSummary } from "../api/types";
import { recommendationDue } from "../recommendation";

// antd's orange tag text (#d46b08 on #fff7e6) is 3.3:1; this shade passes WCAG AA (4.5:1).
const DUE_SOON_TEXT = "#ad4e00";

const STATUS_COLOURS: Record<RecommendationStatus, string> = {
  open: "default",
  in_progress: "processing",
  reported_done: "gold",
  verified_closed: "green",
};

/** A recommendation's follow-up state as a coloured tag. */
export function RecommendationStatusTag({ status }: { status: RecommendationStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`inspections.recStatus.${status}`)}</Tag>;
}

type DueProps = {
  recommendation: Pick<RecommendationSummary, "due_on" | "days_left" | "overdue" | "status" | "verified_on">;
  /** Show the due date before the tag. */
  withDate?: boolean;
};

/** The due date at a glance: overdue, due soon or on track with the days left; verified on time or late. */
export function RecommendationDueBadge({ recommendation, withDate = false }: DueProps) {
  const { t } = useTranslation();
  const badge = recommendationDue(recommendation);
  return (
    <Space size={4} wrap>
      {withDate && <span>{formatDate(recommendation.due_on)}</span>}
      <Tag color={badge.color} style={badge.tone === "due_soon" ? { color: DUE_SOON_TEXT } : undefined}>
        {t(badge.label)}
      </Tag>
      {badge.days && (
        <Typography.Text type={badge.tone === "overdue" ? "danger" : "secondary"}>{t(badge.days.key, { count: badge.days.count })}</Typography.Text>
      )}
    </Space>
  );
}
