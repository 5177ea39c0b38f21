import { Alert, Descriptions, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../lib/format";
import type { ImportResult, RowError } from "../api/imports";

/** What an import's rows did (or would do, in a check), the columns converted, and the errors per row and column. */
export function ImportReport({ result }: { result: ImportResult }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "vi";
  const english = language === "en";
  const n = (v: number) => formatNumber(v, language);
  const errors = result.errors;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 3, lg: 5 }} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("imports.report.rows")}>{n(result.rows)}</Descriptions.Item>
        <Descriptions.Item label={t("imports.report.created")}>{n(result.created)}</Descriptions.Item>
        <Descriptions.Item label={t("imports.report.updated")}>{n(result.updated)}</Descriptions.Item>
        <Descriptions.Item label={t("imports.report.unchanged")}>{n(result.unchanged)}</Descriptions.Item>
        <Descriptions.Item label={t("imports.report.failed")}>
          {result.failed > 0 ? <Tag color="red">{n(result.failed)}</Tag> : n(0)}
        </Descriptions.Item>
      </Descriptions>
      {result.conversions.map((c) => (
        <Alert
          key={c.column}
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t("imports.report.converted", { column: c.column, from: t(`imports.encoding.${c.from}`, { defaultValue: c.from }) })}
        />
      ))}
      {result.ignored_columns.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t("imports.report.ignored", { columns: result.ignored_columns.join(", ") })} />
      )}
      {errors.length > 0 && (
        <Table<RowError>
          size="small"
          rowKey={(e) => `${e.row}:${e.column ?? ""}:${e.code}`}
          dataSource={errors}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          caption={
            result.error_total > errors.length
              ? t("imports.report.firstErrors", { shown: n(errors.length), total: n(result.error_total) })
              : undefined
          }
          columns={[
            { title: t("imports.report.row"), dataIndex: "row", width: 80 },
            { title: t("imports.report.column"), dataIndex: "column", width: 200, render: (c: string | null) => c ?? "—" },
            { title: t("imports.report.problem"), key: "message", render: (_: unknown, e) => (english ? e.message_en : e.message_vi) },
            { title: t("imports.report.code"), dataIndex: "code", width: 180, render: (c: string) => <code>{c}</code> },
          ]}
        />
      )}
    </>
  );
}
