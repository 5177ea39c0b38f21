import { Alert, Breadcrumb, Button, Card, Descriptions, Empty, List, Popconfirm, Skeleton, Space, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useVersionedUnit, type VersionedUnit } from "../api/get-unit";
import { useUnitAncestors } from "../api/get-unit-ancestors";
import { useUnitChildrenCount } from "../api/count-unit-children";
import { useUnitLineage } from "../api/get-unit-lineage";
import { useDeleteUnit } from "../api/delete-unit";
import type { LineageRead } from "../api/types";

export type UnitAction = "create-child" | "edit" | "retire" | "reorganize";

type Props = {
  unitId: string;
  onSelect: (unitId: string) => void;
  /** Write actions are offered only to holders of `units:write`. */
  canWrite?: boolean;
  onAction?: (action: UnitAction, unit: VersionedUnit) => void;
  onDeleted?: (parentId: string | null, name: string) => void;
  onError?: (message: string) => void;
};

export function UnitDetails({ unitId, onSelect, canWrite = false, onAction, onDeleted, onError }: Props) {
  const { t } = useTranslation();
  const unit = useVersionedUnit(unitId);
  const ancestors = useUnitAncestors(unitId);
  const childrenCount = useUnitChildrenCount(unitId);
  const lineage = useUnitLineage(unitId);
  const remove = useDeleteUnit();

  // Data first: a failed background refetch keeps what is shown.
  if (!unit.data) return unit.isError ? <Alert type="error" showIcon message={errorMessage(t, unit.error)} /> : <Skeleton active />;
  const u = unit.data.unit;
  const active = u.status === "active";
  const validity = u.valid_from
    ? u.valid_to
      ? t("units.validRange", { from: formatDate(u.valid_from), to: formatDate(u.valid_to) })
      : t("units.validFromOnly", { from: formatDate(u.valid_from) })
    : u.valid_to
      ? t("units.validUntil", { to: formatDate(u.valid_to) })
      : t("units.unknown");
  // Deleting is for a unit created by mistake: nothing below it and no history (the API enforces it).
  const deletable =
    childrenCount.data === 0 &&
    lineage.data !== undefined &&
    lineage.data.predecessors.length === 0 &&
    lineage.data.successors.length === 0;

  const onDelete = async () => {
    try {
      await remove.mutateAsync({ unitId: u.id, etag: unit.data.etag });
      onDeleted?.(u.parent_id, u.name);
    } catch (err) {
      onError?.(errorMessage(t, err));
    }
  };

  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: "inherit" }}>{u.name}</h2>}
      extra={<Tag color={active ? "green" : "default"}>{t(`units.status.${u.status}`)}</Tag>}
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[
          ...(ancestors.data ?? []).map((a) => ({
            key: a.id,
            title: (
              <a href={`?unit=${a.id}`} onClick={(e) => (e.preventDefault(), onSelect(a.id))}>
                {a.name}
              </a>
            ),
          })),
          { key: u.id, title: u.name },
        ]}
      />
      {canWrite && onAction && (
        <Space wrap style={{ marginBottom: 16 }}>
          {active && (
            <Button icon={<PlusOutlined />} onClick={() => onAction("create-child", unit.data)}>
              {t("units.actions.createChild")}
            </Button>
          )}
          <Button icon={<EditOutlined />} onClick={() => onAction("edit", unit.data)}>
            {t("units.actions.edit")}
          </Button>
          {active && (
            <Button icon={<MergeCellsOutlined />} onClick={() => onAction("reorganize", unit.data)}>
              {t("units.actions.reorganize")}
            </Button>
          )}
          {active && (
            <Button danger icon={<StopOutlined />} onClick={() => onAction("retire", unit.data)}>
              {t("units.actions.retire")}
            </Button>
          )}
          {deletable && (
            <Popconfirm
              title={t("units.delete.confirm", { name: u.name })}
              description={t("units.delete.hint")}
              okText={t("units.actions.delete")}
              okButtonProps={{ danger: true }}
              cancelText={t("common.cancel")}
              onConfirm={onDelete}
            >
              <Button danger type="text" icon={<DeleteOutlined />} loading={remove.isPending}>
                {t("units.actions.delete")}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
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
        {u.electronic_id && <Descriptions.Item label={t("units.form.electronicId")}>{u.electronic_id}</Descriptions.Item>}
        {u.remote_area && <Descriptions.Item label={t("units.form.remoteArea")}>{t("common.yes")}</Descriptions.Item>}
        <Descriptions.Item label={t("units.childrenCount")}>
          {childrenCount.isPending ? "…" : childrenCount.isError ? "—" : childrenCount.data.toLocaleString("vi-VN")}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ marginTop: 24, fontSize: 16 }}>
        {t("units.lineage")}
      </Typography.Title>
      {lineage.isPending ? (
        <Skeleton active />
      ) : lineage.isError ? (
        <Alert type="error" showIcon message={errorMessage(t, lineage.error)} />
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
  // Renames and changes of kind link the unit to itself: no other unit to show, but history all the same.
  const linked = new Set(steps.map((s) => s.reorganization.id));
  const inPlace = lineage.reorganizations.filter((r) => !linked.has(r.id));
  const items = [
    ...steps.map((s) => ({ key: `${s.direction}-${s.unit.id}-${s.reorganization.id}`, reorganization: s.reorganization, step: s })),
    ...inPlace.map((r) => ({ key: `self-${r.id}`, reorganization: r, step: null })),
  ];
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("units.noLineage")} />;
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={({ key, reorganization, step }) => (
        <List.Item key={key}>
          <List.Item.Meta
            title={
              <span>
                {step && (
                  <>
                    {t(`units.${step.direction}`)}:{" "}
                    <a
                      href={`?unit=${step.unit.id}`}
                      onClick={(e) => (e.preventDefault(), onSelect(step.unit.id))}
                      style={{ textDecoration: "underline" }}
                    >
                      {step.unit.name}
                    </a>{" "}
                  </>
                )}
                <Tag>{t(`units.reorg.${reorganization.kind}`)}</Tag>
              </span>
            }
            description={
              <>
                {t("units.effectiveDate")}: {formatDate(reorganization.effective_date)} · {t("units.legalBasis")}:{" "}
                {reorganization.legal_basis}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
