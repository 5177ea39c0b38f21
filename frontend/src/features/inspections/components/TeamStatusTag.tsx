import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { TeamStatus } from "../api/types";

const STATUS_COLOURS: Partial<Record<TeamStatus, string>> = {
  established: "blue",
  in_progress: "processing",
  reported: "gold",
  concluded: "green",
  closed: "default",
  cancelled: "red",
};

/** A team's state as a coloured tag. */
export function TeamStatusTag({ status }: { status: TeamStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`inspections.status.${status}`)}</Tag>;
}
