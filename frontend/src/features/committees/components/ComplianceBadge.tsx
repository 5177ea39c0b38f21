import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useCompliance } from "../api/get-compliance";
import { useRules } from "../api/list-rules";
import { requirementText } from "../rules";
import { badgeReasons, type Badge } from "../work";

/** Compliant or not on `asOf`, read from the committee's compliance; the rules broken, in words, in its tooltip. */
export function ComplianceBadge({ committeeId, asOf }: { committeeId: string; asOf: string }) {
  const { t } = useTranslation();
  const compliance = useCompliance(committeeId, asOf);
  if (compliance.isPending) return <Tag>…</Tag>;
  if (compliance.isError) return <Tag>?</Tag>;
  const c = compliance.data;
  const broken = c.rules.filter((r) => r.applies && !r.holds).map((r) => `${requirementText(t, r)} (${r.legal_basis})`);
  return c.compliant ? (
    <Tag color="green">{t("committees.compliant")}</Tag>
  ) : (
    <Tooltip title={broken.length > 0 ? broken.join("; ") : t("committees.compliance.noTerm")}>
      <Tag color="red">{t("committees.notCompliant")}</Tag>
    </Tooltip>
  );
}

/** The same badge from the subtree's report (one request for the whole list); the rules broken in its tooltip. */
export function ReportBadge({ badge }: { badge: Badge }) {
  const { t } = useTranslation();
  const rules = useRules();
  if (badge.compliant) return <Tag color="green">{t("committees.compliant")}</Tag>;
  const ruleText = (id: string) => {
    const rule = rules.data?.find((r) => r.id === id);
    return rule ? requirementText(t, rule) : null;
  };
  return (
    <Tooltip title={badgeReasons(t, badge, ruleText).join("; ")}>
      <Tag color="red">{t("committees.notCompliant")}</Tag>
    </Tooltip>
  );
}
