import { Alert, Breadcrumb, Card, Descriptions, Empty, List, Skeleton, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useUnit } from "../api/get-unit";
import { useUnitAncestors } from "../api/get-unit-ancestors";
import { useUnitChildrenCount } from "../api/count-unit-children";
import { useUnitLineage } from "../api/get-unit-lineage";
import type { LineageRead } from "../api/types";

type Props = { unitId: string; onSelect: (unitId: string) => void };

export function UnitDetails({ unitId, onSelect }: Props) {
  const { t } = useTranslation();
  const unit = useUnit(unitId);
  const ancestors = useUnitAncestors(unitId);
  const childrenCount = useUnitChildrenCount(unitId);
  const lineage = useUnitLineage(unitId);

  if (unit.isPending) return <Skeleton active />;
  if (unit.isError) return <Alert type="error" message={errorMessage(t, unit.error)} />;
  const u = unit.data;
  const validity = u.valid_from
    ? u.valid_to
      ? t("units.validRange", { from: formatDate(u.valid_from), to: formatDate(u.valid_to) })
      : t("units.validFromOnly", { from: formatDate(u.valid_from) })
    : t("units.unknown");

  return (
    <Card
      title={u.name}
      extra={<Tag color={u.status === "active" ? "green" : "default"}>{t(`units.status.${u.status}`)}</Tag>}
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[
          ...(ancestors.data ?? []).map((a) => ({ key: a.id, title: <a onClick={() => onSelect(a.id)}>{a.name}</a> })),
          { key: u.id, title: u.name },
        ]}
      />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("units.code")}>
          <code>{u.code}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t("units.kindLabel")}>{t(`units.kind.${u.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t("units.statusLabel")}>{t(`units.status.${u.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t("units.validity")}>{validity}</Descriptions.Item>
        {u.code_system && (
          <Descriptions.Item label={t("units.codeSystem")}>{t(`units.codeSystemName.${u.code_system}`)}</Descriptions.Item>
        )}
        <Descriptions.Item label={t("units.childrenCount")}>
          {childrenCount.isPending ? "…" : childrenCount.isError ? "—" : childrenCount.data}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t("units.lineage")}
      </Typography.Title>
      {lineage.isPending ? (
        <Skeleton active />
      ) : lineage.isError ? (
        <Alert type="error" message={errorMessage(t, lineage.error)} />
      ) : (
        <Lineage lineage={lineage.data} onSelect={onSelect} />
      )}
    </Card>
  );
}

function Lineage({ lineage, onSelect }: { lineage: LineageRead; onSelect: (unitId: string) => void }) {
  const { t } = useTranslation();
  const steps = [
    ...lineage.predecessors.map((s) => ({ ...s, direction: "predecessors" as const })),
    ...lineage.successors.map((s) => ({ ...s, direction: "successors" as const })),
  ];
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.noLineage")} />;
  return (
    <List
      size="small"
      dataSource={steps}
      renderItem={(s) => (
        <List.Item key={`${s.direction}-${s.unit.id}-${s.reorganization.id}`}>
          <List.Item.Meta
            title={
              <span>
                {t(`units.${s.direction}`)}: <a onClick={() => onSelect(s.unit.id)}>{s.unit.name}</a>{" "}
                <Tag>{t(`units.reorg.${s.reorganization.kind}`)}</Tag>
              </span>
            }
            description={
              <>
                {t("units.effectiveDate")}: {formatDate(s.reorganization.effective_date)} · {t("units.legalBasis")}:{" "}
                {s.reorganization.legal_basis}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
