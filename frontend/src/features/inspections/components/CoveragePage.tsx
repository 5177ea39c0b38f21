import { useMemo } from "react";
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { formatDate, formatNumber, formatPercent } from "../../../lib/format";
import { useCoverage } from "../api/get-coverage";
import { useTopics } from "../api/list-topics";
import type { KindCoverage, UnitSummary } from "../api/types";
import { CHILD_SORTS, coveragePeriod, coverageView, parseChildSort, type ChildRow, type ChildSort } from "../coverage";
import { problemMessage, topicName } from "../labels";
import type { UnitPicker } from "./slots";

type Props = { UnitPicker: UnitPicker };

const SEVERITY_COLOR = { minor: "default", moderate: "orange", serious: "red" } as const;

/**
 * How far the inspections reached in a subtree over a period (GET /inspections/coverage): totals,
 * the share of each kind of unit inspected, one row per child unit (a child's name re-opens the
 * screen on it), findings by topic and severity, and the commune-level units never inspected. The
 * subtree, the period and the child table's order live in the URL (`unit`, `from`, `to`, `sort`).
 */
export function CoveragePage({ UnitPicker }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "vi";
  const [params, setParams] = useSearchParams();
  const unit = params.get("unit") ?? "";
  const sort = params.get("sort") ?? "";
  const period = coveragePeriod({ from: params.get("from") ?? "", to: params.get("to") ?? "" }, dayjs().toDate());
  const report = useCoverage({ withinUnitId: unit || null, from: period.from, to: period.to });
  const topics = useTopics();
  const view = useMemo(() => (report.data ? coverageView(report.data, sort) : null), [report.data, sort]);
  const n = (v: number) => formatNumber(v, language);

  const setParam = (patch: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      return next;
    });
  const openUnit = (u: UnitSummary) => setParam({ unit: u.id, sort: null });
  const year = dayjs().year();
  const presets = [year, year - 1, year - 2].map((y) => ({
    label: t("inspections.coverage.year", { year: y }),
    value: [dayjs(`${y}-01-01`), dayjs(`${y}-12-31`)] as [Dayjs, Dayjs],
  }));

  const sortOf = (field: ChildSort): SortOrder => {
    const s = parseChildSort(sort);
    return s.field === field ? (s.descending ? "descend" : "ascend") : null;
  };
  const numeric = (field: Exclude<ChildSort, "code">, title: string, render?: (row: ChildRow) => string) => ({
    title,
    key: field,
    align: "right" as const,
    sorter: true,
    sortOrder: sortOf(field),
    sortDirections: ["descend", "ascend"] as SortOrder[],
    render: (_: unknown, row: ChildRow) => render?.(row) ?? n(row[field] ?? 0),
  });

  return (
    <Space orientation="vertical" size={16} style={{ display: "flex" }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t("inspections.coverage.within")} style={{ minWidth: 360 }}>
          <UnitPicker
            value={unit || null}
            known={report.data?.within_unit}
            onChange={(v) => setParam({ unit: v, sort: null })}
            placeholder={t("inspections.coverage.ownUnit")}
          />
        </Form.Item>
        <Form.Item label={t("inspections.coverage.period")}>
          <DatePicker.RangePicker
            format="DD/MM/YYYY"
            allowClear={false}
            presets={presets}
            value={[dayjs(period.from), dayjs(period.to)]}
            onChange={(v) => {
              const [from, to] = v ?? [null, null];
              if (from && to) setParam({ from: from.format("YYYY-MM-DD"), to: to.format("YYYY-MM-DD") });
            }}
          />
        </Form.Item>
      </Form>

      {report.isError && <Alert type="error" showIcon role="alert" title={problemMessage(t, report.error)} />}
      {report.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {report.data && view && (
        <>
          <Space wrap align="baseline">
            <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>
              {report.data.within_unit?.name ?? t("inspections.coverage.country")}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t("inspections.coverage.periodShown", { from: formatDate(report.data.period.start), to: formatDate(report.data.period.end) })}
            </Typography.Text>
            {unit && (
              <Button type="link" onClick={() => setParam({ unit: null, sort: null })}>
                {t("inspections.coverage.backToOwn")}
              </Button>
            )}
          </Space>

          <Row gutter={[12, 12]} role="list" aria-label={t("inspections.coverage.totals")}>
            {view.kpis.map((k) => (
              <Col key={k.key} xs={12} md={8} xl={6} xxl={3} role="listitem">
                <Card size="small" style={{ height: "100%" }}>
                  <Statistic
                    title={t(`inspections.coverage.kpi.${k.key}`)}
                    value={k.value}
                    formatter={(v) => n(Number(v))}
                    styles={k.tone === "danger" ? { content: { color: "#cf1322" } } : undefined}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={8} xl={6} xxl={3} role="listitem">
              <Card size="small" style={{ height: "100%" }}>
                <Statistic
                  title={t("inspections.coverage.kpi.neverInspected")}
                  value={report.data.totals.never_inspected}
                  formatter={(v) => n(Number(v))}
                />
              </Card>
            </Col>
          </Row>

          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card size="small" title={t("inspections.coverage.byKind")}>
                <Table<KindCoverage>
                  size="small"
                  pagination={false}
                  rowKey="kind"
                  dataSource={view.kinds}
                  locale={{ emptyText: t("inspections.coverage.noUnits") }}
                  columns={[
                    { title: t("inspections.coverage.kind"), key: "kind", render: (_: unknown, k) => t(`units.kind.${k.kind}`) },
                    { title: t("inspections.coverage.units"), key: "units", align: "right", render: (_: unknown, k) => n(k.units) },
                    { title: t("inspections.coverage.inspected"), key: "inspected", align: "right", render: (_: unknown, k) => n(k.inspected) },
                    {
                      title: t("inspections.coverage.share"),
                      key: "share",
                      align: "right",
                      render: (_: unknown, k) => formatPercent(k.share, language),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" title={t("inspections.coverage.findings", { count: view.findings.total, total: n(view.findings.total) })}>
                <Space orientation="vertical" size={12} style={{ display: "flex" }}>
                  <Space wrap aria-label={t("inspections.coverage.bySeverity")}>
                    {view.findings.bySeverity.map((s) => (
                      <Tag key={s.severity} color={SEVERITY_COLOR[s.severity]}>
                        {t(`inspections.severity.${s.severity}`)}: {n(s.findings)}
                      </Tag>
                    ))}
                  </Space>
                  <Table<{ topic: string; findings: number }>
                    size="small"
                    pagination={false}
                    rowKey="topic"
                    dataSource={view.findings.byTopic}
                    locale={{ emptyText: t("inspections.coverage.noFindings") }}
                    columns={[
                      {
                        title: t("inspections.coverage.topic"),
                        key: "topic",
                        render: (_: unknown, r) => topicName(topics.data, r.topic, language),
                      },
                      {
                        title: t("inspections.coverage.findingsCount"),
                        key: "findings",
                        align: "right",
                        render: (_: unknown, r) => n(r.findings),
                      },
                    ]}
                  />
                </Space>
              </Card>
            </Col>
          </Row>

          <Card size="small" title={t("inspections.coverage.children")}>
            <Table<ChildRow>
              size="small"
              rowKey={(r) => r.unit.id}
              dataSource={view.children}
              pagination={view.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: t("inspections.coverage.noChildren") }}
              onChange={(_p, _f, sorter) => {
                const s = Array.isArray(sorter) ? sorter[0] : sorter;
                const field = String(s?.columnKey ?? "");
                const order = s?.order;
                setParam({ sort: order && (CHILD_SORTS as readonly string[]).includes(field) ? `${order === "descend" ? "-" : ""}${field}` : null });
              }}
              columns={[
                {
                  title: t("inspections.coverage.unit"),
                  key: "code",
                  sorter: true,
                  sortOrder: sortOf("code"),
                  fixed: "left",
                  render: (_: unknown, r) => (
                    <Button
                      type="link"
                      style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
                      onClick={() => openUnit(r.unit)}
                      aria-label={t("inspections.coverage.drill", { unit: r.unit.name })}
                    >
                      {r.unit.name}
                    </Button>
                  ),
                },
                numeric("teamsOrganised", t("inspections.coverage.col.teamsOrganised")),
                numeric("teamsVisiting", t("inspections.coverage.col.teamsVisiting")),
                numeric("visits", t("inspections.coverage.col.visits")),
                numeric("unitsInspected", t("inspections.coverage.col.unitsInspected")),
                numeric("communeShare", t("inspections.coverage.col.communeShare"), (r) => formatPercent(r.communeShare, language)),
                numeric("neverInspected", t("inspections.coverage.col.neverInspected")),
                numeric("findings", t("inspections.coverage.col.findings")),
                numeric("issued", t("inspections.coverage.col.issued")),
                numeric("closed", t("inspections.coverage.col.closed")),
                numeric("overdue", t("inspections.coverage.col.overdue")),
              ]}
            />
          </Card>

          <Card
            size="small"
            title={t("inspections.coverage.neverTitle", { count: view.neverInspected.length, total: n(view.neverInspected.length) })}
          >
            {view.neverInspected.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("inspections.coverage.allInspected")} />
            ) : (
              <Space size={[4, 8]} wrap>
                {view.neverInspected.map((u) => (
                  <Tag key={u.id}>
                    {u.name} · {u.code}
                  </Tag>
                ))}
              </Space>
            )}
          </Card>
        </>
      )}
    </Space>
  );
}
