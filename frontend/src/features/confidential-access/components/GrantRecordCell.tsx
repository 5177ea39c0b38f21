import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format";
import { useGrantRecord } from "../api/get-grant-record";
import type { ConfidentialPermission } from "../api/types";

type Props = { userId: string; permission: ConfidentialPermission; show: "grantedAt" | "grantedBy" };

/** When, or by whom, the grant in force was given (both cells share one audit-log read per person). */
export function GrantRecordCell({ userId, permission, show }: Props) {
  const { t } = useTranslation();
  const record = useGrantRecord(userId, permission, true);
  if (record.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  if (record.isError || !record.data) {
    return <Typography.Text type="secondary">{record.isError ? "—" : t("confidentialAccess.notRecorded")}</Typography.Text>;
  }
  const { grantedAt, actorType, actorName } = record.data;
  if (show === "grantedAt") return <>{formatDateTime(grantedAt)}</>;
  return actorType === "system" ? (
    <span title={actorName ?? undefined}>{t("confidentialAccess.operator")}</span>
  ) : (
    <>{actorName ?? "—"}</>
  );
}
