import { useState } from "react";
import { Alert, Card, DatePicker, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formatNumber } from "../../../lib/format";
import { useCompliance } from "../api/get-compliance";
import { useMembers } from "../api/list-members";
import { useVillages } from "../api/list-villages";
import type { CommitteeRead, RuleOutcome } from "../api/types";
import { requirementText, sitsOn, villagesWithoutRepresentative } from "../rules";

/**
 * Whether the committee's composition complies, on a day chosen with the picker (today by default):
 * each rule of the term's regime in the reader's language, its article, and whether it holds; for a
 * village without a representative, which villages.
 */
export function CompliancePanel({ committee }: { committee: CommitteeRead }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "vi";
  const [asOf, setAsOf] = useState(() => dayjs().format("YYYY-MM-DD"));
  const compliance = useCompliance(committee.id, asOf);
  const termId = compliance.data?.term_id ?? null;
  const members = useMembers(committee.id, termId);
  const villages = useVillages(committee.kind === "people_inspection" ? committee.unit_id : null);
  const sitting = (members.data ?? []).filter((m) => sitsOn(m, asOf));
  const missing = villages.data ? villagesWithoutRepresentative(villages.data, sitting) : [];

  const detail = (r: RuleOutcome) => {
    if (!r.applies) return null;
    const c = compliance.data;
    if (r.requirement === "one_per_village" && c?.villages != null) {
      return (
        <Space orientation="vertical" size={0}>
          <span>{t("committees.compliance.villagesCovered", { covered: formatNumber(r.actual ?? 0, language), villages: formatNumber(c.villages, language) })}</span>
          {!r.holds && missing.length > 0 && <Typography.Text type="danger">{t("committees.compliance.missing", { names: missing.map((v) => v.name).join(", ") })}</Typography.Text>}
        </Space>
      );
    }
    return r.actual !== null ? t("committees.compliance.actual", { actual: formatNumber(r.actual, language) }) : null;
  };

  return (
    <Card
      size="small"
      title={t("committees.compliance.title")}
      extra={
        <Space>
          <label htmlFor="committee-compliance-as-of">{t("committees.compliance.asOf")}</label>
          <DatePicker
            id="committee-compliance-as-of"
            format="DD/MM/YYYY"
            allowClear={false}
            value={dayjs(asOf)}
            onChange={(d) => d && setAsOf(d.format("YYYY-MM-DD"))}
          />
        </Space>
      }
    >
      {compliance.isError && <Alert type="error" showIcon title={errorMessage(t, compliance.error)} />}
      {compliance.data && (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Tag color={compliance.data.compliant ? "green" : "red"} style={{ fontSize: 14 }}>
              {compliance.data.compliant ? t("committees.compliance.compliant") : t("committees.compliance.notCompliant")}
            </Tag>
            <Typography.Text>
              {compliance.data.villages != null
                ? t("committees.compliance.summary", {
                    members: formatNumber(compliance.data.members, language),
                    villages: formatNumber(compliance.data.villages, language),
                  })
                : t("committees.compliance.summaryNoVillages", { members: formatNumber(compliance.data.members, language) })}
            </Typography.Text>
          </Space>
          {compliance.data.term_id === null && <Alert type="warning" showIcon title={t("committees.compliance.noTerm")} />}
          {compliance.data.rules.length > 0 && (
            <Table<RuleOutcome>
              size="small"
              rowKey="rule_id"
              pagination={false}
              dataSource={compliance.data.rules}
              aria-label={t("committees.compliance.title")}
              columns={[
                {
                  title: t("committees.compliance.rule"),
                  key: "rule",
                  render: (_: unknown, r) => (
                    <Space orientation="vertical" size={0}>
                      <span>{requirementText(t, r)}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.rule_id}
                        {r.enforcement === "refuse" ? ` · ${t("committees.compliance.refuses")}` : ""}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: t("committees.compliance.basis"), dataIndex: "legal_basis" },
                {
                  title: t("committees.compliance.holds"),
                  key: "holds",
                  render: (_: unknown, r) =>
                    !r.applies ? (
                      <Tag>{t("committees.compliance.notApplicable")}</Tag>
                    ) : r.holds ? (
                      <Tag color="green">{t("committees.compliance.ok")}</Tag>
                    ) : (
                      <Tag color="red">{t("committees.compliance.broken")}</Tag>
                    ),
                },
                { title: "", key: "detail", render: (_: unknown, r) => detail(r) },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
