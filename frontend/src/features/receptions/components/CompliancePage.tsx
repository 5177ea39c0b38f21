import { Alert, Card, DatePicker, Empty, Segmented, Space, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { formatDate } from "../../../lib/format";
import { useListParams } from "../../../lib/search-params";
import { useCompliance } from "../api/get-compliance";
import type { ComplianceRow, ComplianceTotal, HostRole, Level } from "../api/types";
import { formatCount, formatPeriod, formatRatio, parsePeriod, periodContaining, periodStart, type Granularity, type Period } from "../compliance";
import type { UnitPicker } from "./slots";

type Props = { UnitPicker: UnitPicker };

const GRANULARITIES: readonly Granularity[] = ["year", "quarter", "month"];

/** Reception days held against the quotas, per unit and host role, for a subtree and a period in the URL. */
export function CompliancePage({ UnitPicker }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? "vi";
  const { values, cursor, setFilters, setCursor } = useListParams(["unit", "period"] as const);
  const today = dayjs().format("YYYY-MM-DD");
  // The API's default is the current year; the picker shows it too.
  const period: Period = parsePeriod(values.period) ?? periodContaining("year", today);
  const report = useCompliance({ withinUnitId: values.unit || null, period: formatPeriod(period), cursor });
  const count = (n: number) => formatCount(n, lng);

  const setPeriod = (p: Period) => setFilters({ period: formatPeriod(p) });
  const onGranularity = (g: Granularity) => setPeriod(periodContaining(g, periodStart(period)));
  const onDate = (d: Dayjs | null) => {
    if (d) setPeriod(periodContaining(period.granularity, d.format("YYYY-MM-DD")));
  };

  const compliantTag = (v: boolean | null) =>
    v === null ? (
      <Tag>{t("receptions.compliance.notOwed")}</Tag>
    ) : v ? (
      <Tag color="green">{t("receptions.compliance.yes")}</Tag>
    ) : (
      <Tag color="red">{t("receptions.compliance.no")}</Tag>
    );
  const levelText = (l: Level) => t(`receptions.level.${l}`);
  const roleText = (r: HostRole) => t(`receptions.hostRole.${r}`);

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap align="center">
          <div style={{ width: 280 }}>
            <UnitPicker value={values.unit || null} onChange={(v) => setFilters({ unit: v })} placeholder={t("receptions.compliance.unit")} />
          </div>
          <Segmented<Granularity>
            aria-label={t("receptions.compliance.granularity")}
            value={period.granularity}
            onChange={onGranularity}
            options={GRANULARITIES.map((g) => ({ value: g, label: t(`receptions.compliance.${g}`) }))}
          />
          <DatePicker
            picker={period.granularity}
            allowClear={false}
            aria-label={t("receptions.compliance.period")}
            value={dayjs(periodStart(period))}
            onChange={onDate}
            format={period.granularity === "year" ? "YYYY" : period.granularity === "quarter" ? "YYYY-[Q]Q" : "MM/YYYY"}
          />
        </Space>
      </Card>
      {report.isError && <Alert type="error" showIcon title={errorMessage(t, report.error)} style={{ marginBottom: 12 }} />}
      {report.data && (
        <Typography.Paragraph type="secondary">
          {t("receptions.compliance.periodRange", {
            start: formatDate(report.data.period.start),
            end: formatDate(report.data.period.end),
            asOf: formatDate(report.data.as_of),
          })}
        </Typography.Paragraph>
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t("receptions.compliance.totals")}
      </Typography.Title>
      <Table<ComplianceTotal>
        rowKey={(r) => `${r.level}-${r.host_role}`}
        size="small"
        loading={report.isFetching}
        dataSource={report.data?.totals ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t("receptions.compliance.empty")} /> }}
        columns={[
          { title: t("receptions.compliance.level"), dataIndex: "level", render: levelText },
          { title: t("receptions.compliance.hostRole"), dataIndex: "host_role", render: roleText },
          { title: t("receptions.compliance.units"), dataIndex: "units", align: "right", render: count },
          { title: t("receptions.compliance.unitsCompliant"), dataIndex: "units_compliant", align: "right", render: count },
          { title: t("receptions.compliance.required"), dataIndex: "required_days", align: "right", render: count },
          { title: t("receptions.compliance.held"), dataIndex: "held_days", align: "right", render: count },
          { title: t("receptions.compliance.ratio"), dataIndex: "ratio", align: "right", render: (v: number | null) => formatRatio(v, lng) },
          { title: t("receptions.compliance.citizens"), dataIndex: "citizens_received", align: "right", render: count },
          { title: t("receptions.compliance.dialogues"), dataIndex: "dialogues", align: "right", render: count },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t("receptions.compliance.rows", { count: report.data?.total ?? 0 })}
      </Typography.Title>
      <Table<ComplianceRow>
        rowKey={(r) => `${r.unit.id}-${r.host_role}`}
        size="small"
        loading={report.isFetching}
        dataSource={report.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={report.isError ? t("list.loadFailed") : t("receptions.compliance.empty")} /> }}
        columns={[
          {
            title: t("receptions.compliance.unitCol"),
            key: "unit",
            render: (_: unknown, r) => (
              <>
                {r.unit.name}{" "}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.unit.code}
                </Typography.Text>
              </>
            ),
          },
          { title: t("receptions.compliance.level"), dataIndex: "level", render: levelText },
          { title: t("receptions.compliance.hostRole"), dataIndex: "host_role", render: roleText },
          { title: t("receptions.compliance.required"), dataIndex: "required_days", align: "right", render: count },
          { title: t("receptions.compliance.held"), dataIndex: "held_days", align: "right", render: count },
          { title: t("receptions.compliance.ratio"), dataIndex: "ratio", align: "right", render: (v: number | null) => formatRatio(v, lng) },
          { title: t("receptions.compliance.compliant"), dataIndex: "compliant", render: compliantTag },
          { title: t("receptions.compliance.sessions"), dataIndex: "sessions", align: "right", render: count },
          { title: t("receptions.compliance.citizens"), dataIndex: "citizens_received", align: "right", render: count },
          { title: t("receptions.compliance.dialogues"), dataIndex: "dialogues", align: "right", render: count },
        ]}
      />
      <CursorPager cursor={cursor} nextCursor={report.data?.next_cursor} onChange={setCursor} />
    </>
  );
}
