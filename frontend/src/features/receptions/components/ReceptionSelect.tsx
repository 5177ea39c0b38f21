import "../i18n";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { useReceptions } from "../api/list-receptions";
import type { ReceptionRead } from "../api/types";

type Props = { unitId: string | null; value?: string | null; onChange?: (value: string | null) => void; id?: string };

/** The recent sessions of one unit, newest first, to say which one a case was received at. */
export function ReceptionSelect({ unitId, value, onChange, id }: Props) {
  const { t } = useTranslation();
  const sessions = useReceptions({ unitId, sort: "-held_on", limit: 30 }, { enabled: unitId !== null });
  const label = (r: ReceptionRead) =>
    `${formatDate(r.held_on)} · ${t(`receptions.kind.${r.kind}`)} · ${r.host_name} (${t(`receptions.hostRole.${r.host_role}`)})`;
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      disabled={unitId === null}
      loading={sessions.isFetching}
      placeholder={unitId === null ? t("receptions.picker.pickUnitFirst") : t("receptions.picker.placeholder")}
      notFoundContent={sessions.isError ? t("list.loadFailed") : t("receptions.picker.none")}
      options={(sessions.data?.items ?? []).map((r) => ({ value: r.id, label: label(r) }))}
      style={{ width: "100%" }}
    />
  );
}
