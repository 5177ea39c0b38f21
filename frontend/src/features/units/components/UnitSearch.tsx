import { Alert, Button, Input, List, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { useSearchUnits } from "../api/search-units";

type Props = {
  q: string;
  cursor: string | null;
  onSearch: (q: string) => void;
  onCursor: (cursor: string | null) => void;
  onSelect: (unitId: string) => void;
};

/** Search by name or code without diacritics; the query and the page live in the URL (?q=&cursor=). */
export function UnitSearch({ q, cursor, onSearch, onCursor, onSelect }: Props) {
  const { t } = useTranslation();
  const results = useSearchUnits({ q, cursor });
  return (
    <search style={{ display: "block", marginBottom: 12 }}>
      <Input.Search
        key={q} // the URL is the source of truth; remount when it changes (back/forward)
        allowClear
        defaultValue={q}
        placeholder={t("units.search")}
        aria-label={t("units.search")}
        enterButton={t("units.searchButton")}
        onSearch={(value) => onSearch(value.trim())}
        loading={results.isFetching}
      />
      {q && results.isError && (
        <Alert type="error" showIcon message={errorMessage(t, results.error)} style={{ marginTop: 8 }} />
      )}
      {q && !results.isError && (
        <>
          <List
            size="small"
            bordered
            style={{ marginTop: 8, maxHeight: 280, overflow: "auto" }}
            loading={results.isPending}
            locale={{ emptyText: t("units.noResults") }}
            dataSource={results.data?.items ?? []}
            renderItem={(u) => (
              <List.Item style={{ padding: 0 }}>
                <Button
                  type="text"
                  block
                  onClick={() => onSelect(u.id)}
                  style={{ display: "flex", justifyContent: "space-between", height: "auto", padding: "6px 12px" }}
                >
                  <span>
                    {u.name} <Tag>{t(`units.kind.${u.kind}`)}</Tag>
                  </span>
                  <Typography.Text type="secondary" code>
                    {u.code}
                  </Typography.Text>
                </Button>
              </List.Item>
            )}
          />
          {(cursor || results.data?.next_cursor) && (
            <CursorPager cursor={cursor} nextCursor={results.data?.next_cursor} onChange={onCursor} />
          )}
        </>
      )}
    </search>
  );
}
