import { lazy, Suspense, useState } from "react";
import { App, Card, Col, Empty, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { VersionedUnit } from "../api/get-unit";
import { UnitDetails, type UnitAction } from "./UnitDetails";
import { UnitSearch } from "./UnitSearch";
import { UnitTree } from "./UnitTree";

// The write forms (antd Form, DatePicker, Table…) load when first opened, not with the explorer.
const UnitFormModal = lazy(() => import("./UnitFormModal").then((m) => ({ default: m.UnitFormModal })));
const RetireUnitModal = lazy(() => import("./RetireUnitModal").then((m) => ({ default: m.RetireUnitModal })));
const ReorganizationModal = lazy(() => import("./ReorganizationModal").then((m) => ({ default: m.ReorganizationModal })));

type Props = { canWrite?: boolean };

/**
 * Selection, search and the search page live in the URL (?unit=&q=&cursor=) so a view can be
 * bookmarked and shared. Changing the search drops the cursor; selecting a unit keeps it.
 * Needs antd's <App> above it (src/app provides it) for its messages.
 */
export function UnitExplorerPage({ canWrite = false }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const selected = params.get("unit");
  const q = params.get("q") ?? "";
  const cursor = params.get("cursor");
  const [dialog, setDialog] = useState<{ action: UnitAction; unit: VersionedUnit } | null>(null);

  const update = (patch: Partial<Record<"unit" | "q" | "cursor", string | null>>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(patch)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  const select = (id: string | null) => update({ unit: id });
  const close = () => setDialog(null);

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t("units.title")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small">
            <UnitSearch
              q={q}
              cursor={cursor}
              onSearch={(v) => update({ q: v, cursor: null })}
              onCursor={(c) => update({ cursor: c })}
              onSelect={select}
            />
            <UnitTree selectedId={selected} onSelect={select} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {selected ? (
            <UnitDetails
              unitId={selected}
              onSelect={select}
              canWrite={canWrite}
              onAction={(action, unit) => setDialog({ action, unit })}
              onDeleted={(parentId, name) => {
                void message.success(t("units.delete.done", { name }));
                select(parentId);
              }}
              onError={(text) => void message.error(text)}
            />
          ) : (
            <Card>
              <Empty description={t("units.selectHint")} />
            </Card>
          )}
        </Col>
      </Row>
      <Suspense fallback={null}>
      {dialog?.action === "create-child" && (
        <UnitFormModal
          open
          mode="create"
          parent={dialog.unit.unit}
          onClose={close}
          onDone={(unit) => {
            void message.success(t("units.form.created", { name: unit.name }));
            select(unit.id);
          }}
        />
      )}
      {dialog?.action === "edit" && (
        <UnitFormModal
          open
          mode="edit"
          unit={dialog.unit}
          onClose={close}
          onDone={(unit) => void message.success(t("units.form.saved", { name: unit.name }))}
        />
      )}
      {dialog?.action === "retire" && (
        <RetireUnitModal
          unit={dialog.unit}
          onClose={close}
          onDone={(unit) => {
            close();
            void message.success(t("units.retire.done", { name: unit.name }));
          }}
        />
      )}
      {dialog?.action === "reorganize" && (
        <ReorganizationModal
          unit={dialog.unit.unit}
          onClose={close}
          onDone={(reorganization) => {
            close();
            void message.success(t("units.reorganize.done", { kind: t(`units.reorg.${reorganization.kind}`) }));
            const first = reorganization.successors[0];
            if (first) select(first.id);
          }}
        />
      )}
      </Suspense>
    </>
  );
}
