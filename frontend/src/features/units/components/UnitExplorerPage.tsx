import { Card, Col, Empty, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { UnitDetails } from "./UnitDetails";
import { UnitSearch } from "./UnitSearch";
import { UnitTree } from "./UnitTree";

/** Selection and search live in the URL (?unit=&q=) so a view can be bookmarked and shared. */
export function UnitExplorerPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const selected = params.get("unit");
  const q = params.get("q") ?? "";

  const update = (key: "unit" | "q", value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  return (
    <>
      <Typography.Title level={3}>{t("units.title")}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small">
            <UnitSearch q={q} onSearch={(v) => update("q", v)} onSelect={(id) => update("unit", id)} />
            <UnitTree selectedId={selected} onSelect={(id) => update("unit", id)} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {selected ? (
            <UnitDetails unitId={selected} onSelect={(id) => update("unit", id)} />
          ) : (
            <Card>
              <Empty description={t("units.selectHint")} />
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
