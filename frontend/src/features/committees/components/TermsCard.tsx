import { useState } from "react";
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Radio, Space, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { formFailure } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import type { TermRead } from "../api/types";
import { useWriteTerm } from "../api/write-term";
import { inForce, orderTerms } from "../rules";
import { problemText } from "./problem";

type Props = {
  committeeId: string;
  terms: readonly TermRead[];
  loading: boolean;
  selected: string | null;
  onSelect: (termId: string) => void;
  canWrite: boolean;
};

export function termPeriod(term: TermRead): { from: string; to: string } {
  return { from: formatDate(term.starts_on), to: formatDate(term.ended_on ?? term.planned_end_on) };
}

/** The committee's terms, newest first, the one in force marked; a writer adds a term and ends one. */
export function TermsCard({ committeeId, terms, loading, selected, onSelect, canWrite }: Props) {
  const { t } = useTranslation();
  const today = dayjs().format("YYYY-MM-DD");
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TermRead | null>(null);
  const state = (term: TermRead) =>
    inForce(term, today) ? (
      <Tag color="green">{t("committees.terms.current")}</Tag>
    ) : term.starts_on > today ? (
      <Tag color="blue">{t("committees.terms.future")}</Tag>
    ) : (
      <Tag>{t("committees.terms.past")}</Tag>
    );
  return (
    <Card
      size="small"
      title={t("committees.terms.title")}
      loading={loading}
      extra={
        canWrite && (
          <Button size="small" onClick={() => setAdding(true)}>
            {t("committees.terms.add")}
          </Button>
        )
      }
    >
      {terms.length === 0 ? (
        <Typography.Text type="secondary">{t("committees.terms.none")}</Typography.Text>
      ) : (
        <Radio.Group value={selected} onChange={(e) => onSelect(e.target.value as string)} aria-label={t("committees.terms.select")}>
          <Space orientation="vertical">
            {orderTerms(terms).map((term) => (
              <Space key={term.id} wrap>
                <Radio value={term.id}>{t("committees.terms.period", termPeriod(term))}</Radio>
                {state(term)}
                {term.regime && <Typography.Text type="secondary">{term.regime}</Typography.Text>}
                {canWrite && term.ended_on === null && (
                  <Button size="small" type="link" onClick={() => setEnding(term)}>
                    {t("committees.terms.end")}
                  </Button>
                )}
              </Space>
            ))}
          </Space>
        </Radio.Group>
      )}
      {adding && <TermModal committeeId={committeeId} term={null} onClose={() => setAdding(false)} onSaved={onSelect} />}
      {ending && <TermModal committeeId={committeeId} term={ending} onClose={() => setEnding(null)} onSaved={onSelect} />}
    </Card>
  );
}

type Values = { starts_on: Dayjs; planned_end_on: Dayjs; ended_on?: Dayjs | null; notes?: string };
const FIELDS = ["starts_on", "planned_end_on", "ended_on", "notes"] as const;
const day = (d: Dayjs) => d.format("YYYY-MM-DD");

/** A new term (start, planned end, notes), or the end of one (`term` given: its end date). */
function TermModal({ committeeId, term, onClose, onSaved }: { committeeId: string; term: TermRead | null; onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const write = useWriteTerm(committeeId);
  const [general, setGeneral] = useState<string | null>(null);
  const required = [{ required: true, message: t("committees.form.required") }];
  const submit = async (v: Values) => {
    setGeneral(null);
    try {
      const saved = await write.mutateAsync(
        term
          ? { termId: term.id, body: { ended_on: v.ended_on ? day(v.ended_on) : null } }
          : { termId: null, body: { starts_on: day(v.starts_on), planned_end_on: day(v.planned_end_on), notes: v.notes?.trim() || null } },
      );
      onSaved(saved.id);
      onClose();
    } catch (err) {
      const { fields, general: g } = formFailure(err, FIELDS, t, problemText(t, err, undefined));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(g);
    }
  };
  return (
    <Modal
      open
      title={term ? t("committees.terms.endTitle", { period: t("committees.terms.period", termPeriod(term)) }) : t("committees.terms.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.members.save")}
      cancelText={t("committees.members.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={term ? { ended_on: dayjs() } : undefined}>
        {term ? (
          <Form.Item name="ended_on" label={t("committees.terms.endedOn")} extra={t("committees.terms.exclusiveHint")} rules={required}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="starts_on" label={t("committees.terms.startsOn")} rules={required}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="planned_end_on" label={t("committees.terms.plannedEndOn")} extra={t("committees.terms.exclusiveHint")} rules={required}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="notes" label={t("committees.terms.notes")}>
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
