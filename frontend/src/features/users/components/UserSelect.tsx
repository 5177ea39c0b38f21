import { useEffect, useState } from "react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useUsers } from "../api/list-users";
import type { UserRead } from "../api/types";

export type UserPickerProps = {
  /** Set by Form.Item, so the field's label names the picker. */
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  /** People who already hold this grant are shown but cannot be picked. */
  withoutGrant?: UserRead["grants"][number];
};

/** Waits this long after the last key before asking the API. */
const TYPING_PAUSE_MS = 300;

/** A person of the jurisdiction (active accounts), searched on the server by username or email. */
export function UserSelect({ id, value, onChange, placeholder, withoutGrant }: UserPickerProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const users = useUsers({ q, isActive: true, sort: "username", limit: 20 });
  // The person picked keeps its label once the search moves on.
  const [picked, setPicked] = useState<UserRead | null>(null);
  const found = users.data?.items ?? [];
  const shown = picked && picked.id === value && !found.some((u) => u.id === picked.id) ? [picked, ...found] : found;
  const held = (u: UserRead) => withoutGrant !== undefined && u.grants.includes(withoutGrant);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped, searchValue: typed }}
      allowClear
      value={value ?? undefined}
      onChange={(v?: string) => {
        setPicked(found.find((u) => u.id === v) ?? null);
        setTyped("");
        onChange?.(v ?? null);
      }}
      placeholder={placeholder ?? t("users.pick")}
      loading={users.isFetching}
      notFoundContent={users.isError ? t("list.loadFailed") : t("users.noneFound")}
      options={shown.map((u) => ({
        value: u.id,
        label: held(u) ? `${u.full_name} (${u.username}) · ${t("users.alreadyGranted")}` : `${u.full_name} (${u.username})`,
        disabled: held(u),
      }))}
      style={{ width: "100%" }}
    />
  );
}
