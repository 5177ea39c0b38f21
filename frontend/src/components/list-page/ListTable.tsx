import { useEffect, type Key } from "react";
import { Alert, Button, Empty, Select, Space, Table, Typography, type TableColumnType, type TableProps } from "antd";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../CursorPager";
import { errorMessage } from "../../lib/errors";
import type { Filters } from "./list-spec";
import { sortOrderOf, sortParam } from "./sort";
import type { ListControls } from "./use-list-state";

type Row = Record<string, unknown>;

/** One page of a list as the API answers it (`total` only when include_total was asked). */
export type Page<T> = { items: T[]; next_cursor?: string | null; total?: number | null };

/** A column; `sortField` makes its header sort the list by that API field (it need not be the dataIndex). */
export type ListColumn<T> = TableColumnType<T> & { sortField?: string };

type Props<T extends Row, F extends Filters> = {
  list: ListControls<F>;
  query: UseQueryResult<Page<T>>;
  columns: ListColumn<T>[];
  rowKey: TableProps<T>["rowKey"];
  size?: TableProps<T>["size"];
  expandable?: TableProps<T>["expandable"];
};

/**
 * A list's table with everything around it: the sort control and the total above it, the page size
 * and the cursor pager below it, and its states (loading, failed with the problem translated,
 * empty, nothing matching the filters). Column headers and the sort control write the same `sort`.
 * The total is the one this page brought, else the one known for these filters (list-total.ts); a
 * page that has neither offers to count.
 */
export function ListTable<T extends Row, F extends Filters>({ list, query, columns, rowKey, size = "middle", expandable }: Props<T, F>) {
  const { t } = useTranslation();
  const { spec } = list;
  // A placeholder (the previous filters' page while the new one loads) does not speak for these filters.
  const fresh = query.isPlaceholderData ? null : (query.data?.total ?? null);
  const { rememberTotal } = list;
  useEffect(() => {
    if (fresh !== null) rememberTotal(fresh);
  }, [fresh, rememberTotal]);
  const total = fresh ?? list.knownTotal;
  const sortColumns = new Map<Key, string>();
  const tableColumns = columns.map(({ sortField, ...column }, i): TableColumnType<T> => {
    if (!sortField) return column;
    const key = column.key ?? `sort:${sortField}:${i}`;
    sortColumns.set(key, sortField);
    return { ...column, key, sorter: true, sortOrder: sortOrderOf(list.sort, sortField) };
  });
  const sortOptions = [
    ...(spec.sort.defaultLabel ? [{ value: spec.sort.default, label: t(spec.sort.defaultLabel) }] : []),
    ...spec.sort.fields.flatMap((field) =>
      (["-", ""] as const).map((sign) => ({
        value: `${sign}${field}`,
        label: `${t(spec.sort.labels[field] ?? field)} (${sign ? t("list.descending") : t("list.ascending")})`,
      })),
    ),
  ];

  return (
    <>
      {query.isError && <Alert type="error" showIcon title={errorMessage(t, query.error)} style={{ marginBottom: 12 }} />}
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <div aria-live="polite">
          {total !== null ? (
            <Typography.Text type="secondary">{t("list.total", { count: total })}</Typography.Text>
          ) : !list.includeTotal && query.data && !query.isError ? (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={list.askTotal}>
              {t("list.countTotal")}
            </Button>
          ) : null}
        </div>
        <Select
          aria-label={t("list.sortBy")}
          prefix={`${t("list.sortBy")}:`}
          value={list.sort}
          onChange={(v: string) => list.setSort(v)}
          options={sortOptions}
          popupMatchSelectWidth={false}
          style={{ minWidth: 240 }}
        />
      </Space>
      <Table<T>
        rowKey={rowKey}
        size={size}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        expandable={expandable}
        locale={{
          emptyText: (
            <Empty
              description={
                query.isError ? t("list.loadFailed") : list.filtered ? t(spec.noMatch ?? "list.noMatch") : t(spec.empty)
              }
            />
          ),
        }}
        onChange={(_p, _f, sorter, extra) => {
          if (extra.action !== "sort") return;
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = s?.columnKey !== undefined ? sortColumns.get(s.columnKey) : undefined;
          list.setSort(sortParam(field, s?.order, spec.sort.fields));
        }}
        columns={tableColumns}
      />
      <CursorPager
        cursor={list.cursor}
        nextCursor={query.data?.next_cursor}
        onChange={list.setCursor}
        extra={
          <Select<number>
            aria-label={t("list.pageSize")}
            value={list.pageSize}
            onChange={(v) => list.setPageSize(v)}
            options={spec.pageSizes.map((n) => ({ value: n, label: t("list.perPage", { count: n }) }))}
          />
        }
      />
    </>
  );
}
