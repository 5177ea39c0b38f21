import { Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import type { PetitionSummary } from "../api/types";
import { deadlineBadge } from "../deadline";

// antd's orange tag text (#d46b08 on #fff7e6) is 3.3:1; this shade passes WCAG AA (4.5:1).
const AT_RISK_TEXT = "#ad4e00";

type Props = {
  petition: Pick<PetitionSummary, "due_on" | "days_left" | "deadline_state" | "settled_on_time">;
  /** Show the due date beside the tag (the list has a column of its own for it). */
  withDate?: boolean;
};

/** The case's due date at a glance: on track, at risk or overdue, with the days left. */
export function DeadlineBadge({ petition, withDate = false }: Props) {
  const { t } = useTranslation();
  const badge = deadlineBadge(petition);
  if (badge.tone === "none") return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      {withDate && badge.dueOn && <span>{t("petitions.deadline.due", { date: formatDate(badge.dueOn) })}</span>}
      <Tag color={badge.color} style={badge.tone === "at_risk" ? { color: AT_RISK_TEXT } : undefined}>
        {t(badge.label)}
      </Tag>
      {badge.days && (
        <Typography.Text type={badge.tone === "overdue" ? "danger" : "secondary"}>
          {t(badge.days.key, { count: badge.days.count })}
        </Typography.Text>
      )}
    </Space>
  );
}
