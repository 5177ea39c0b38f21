import { useState } from "react";
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useCommittee } from "../api/get-committee";
import { useTerms } from "../api/list-terms";
import { currentTerm } from "../rules";
import { ActivitiesCard } from "./ActivitiesCard";
import { CompliancePanel } from "./CompliancePanel";
import { MembersCard } from "./MembersCard";
import { RecommendationsCard } from "./RecommendationsCard";
import type { UnitPicker } from "./slots";
import { TermsCard } from "./TermsCard";

type Props = {
  committeeId: string;
  canWrite: boolean;
  /** Also holds petitions:write: a recommendation can be turned into a petition. */
  canPetition?: boolean;
  /** Picks a recommendation's addressee (src/app passes the units' picker). */
  UnitPicker: UnitPicker;
};

/**
 * One committee: its decision and status, its terms, the members of the term chosen, its compliance,
 * its activities and its recommendations to the authority.
 */
export function CommitteePage({ committeeId, canWrite, canPetition = false, UnitPicker }: Props) {
  const { t } = useTranslation();
  const committee = useCommittee(committeeId);
  const terms = useTerms(committeeId);
  const today = dayjs().format("YYYY-MM-DD");
  const [chosen, setChosen] = useState<string | null>(null);

  // Data first: a failed background refetch keeps what is shown.
  if (!committee.data) return committee.isError ? <Alert type="error" showIcon title={errorMessage(t, committee.error)} /> : <Skeleton active />;
  const c = committee.data;
  const termList = terms.data ?? [];
  const term = termList.find((x) => x.id === chosen) ?? currentTerm(termList, today);
  const none = t("committees.page.none");

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/committees">← {t("committees.page.back")}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {c.name}
      </Typography.Title>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("committees.page.kind")}>{t(`committees.kind.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t("committees.page.unit")}>{c.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t("committees.page.status")}>
            <Tag color={c.status === "active" ? "blue" : "default"}>{t(`committees.status.${c.status}`)}</Tag>
            {c.dissolved_on ? ` ${t("committees.page.dissolvedOn")}: ${formatDate(c.dissolved_on)}` : ""}
          </Descriptions.Item>
          {c.project_id && (
            <Descriptions.Item label={t("committees.page.project")}>
              <Link to={`/projects/${c.project_id}`}>{t("committees.page.openProject")}</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t("committees.page.decision")}>
            {c.established_document
              ? t("committees.page.decisionText", { document: c.established_document, date: formatDate(c.established_on) || none })
              : none}
          </Descriptions.Item>
          <Descriptions.Item label={t("committees.page.decidedBy")}>{c.established_by ?? none}</Descriptions.Item>
          {c.notes && <Descriptions.Item label={t("committees.page.notes")}>{c.notes}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <TermsCard committeeId={committeeId} terms={termList} loading={terms.isPending} selected={term?.id ?? null} onSelect={setChosen} canWrite={canWrite} />
      {term && <MembersCard committee={c} term={term} canWrite={canWrite} />}
      <CompliancePanel committee={c} />
      <ActivitiesCard committeeId={committeeId} canWrite={canWrite} />
      <RecommendationsCard committee={c} canWrite={canWrite} canPetition={canPetition} UnitPicker={UnitPicker} />
    </Space>
  );
}
