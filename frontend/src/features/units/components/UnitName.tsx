import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useUnit } from "../api/get-unit";

/** A unit's name by id, for tables that only carry `unit_id`; null means the whole country. */
export function UnitName({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  if (!unitId) return <Typography.Text type="secondary">{t("units.wholeCountry")}</Typography.Text>;
  return <KnownUnitName unitId={unitId} />;
}

function KnownUnitName({ unitId }: { unitId: string }) {
  const unit = useUnit(unitId);
  if (unit.data) return <>{unit.data.name}</>;
  return <Typography.Text type="secondary">{unit.isPending ? "…" : unitId.slice(0, 8)}</Typography.Text>;
}
