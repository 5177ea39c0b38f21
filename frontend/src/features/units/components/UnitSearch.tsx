import { Alert, Input, List, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { useSearchUnits } from "../api/search-units";

type Props = { q: string; onSearch: (q: string) => void; onSelect: (unitId: string) => void };

export function UnitSearch({ q, onSearch, onSelect }: Props) {
  const { t } = useTranslation();
  const results = useSearchUnits({ q });
  return (
    <div style={{ marginBottom: 12 }}>
      <Input.Search
        key={q} // the URL is the source of truth; remount when it changes (back/forward)
        allowClear
        defaultValue={q}
        placeholder={t("units.search")}
        onSearch={(value) => onSearch(value.trim())}
        loading={results.isFetching}
      />
      {results.isError && <Alert type="error" message={errorMessage(t, results.error)} />}
      {q && results.data && (
        <List
          size="small"
          bordered
          style={{ marginTop: 8, maxHeight: 280, overflow: "auto" }}
          locale={{ emptyText: t("units.noResults") }}
          dataSource={results.data.items}
          renderItem={(u) => (
            <List.Item style={{ cursor: "pointer" }} onClick={() => onSelect(u.id)}>
              <span>
                {u.name} <Tag>{t(`units.kind.${u.kind}`)}</Tag>
              </span>
              <code>{u.code}</code>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
