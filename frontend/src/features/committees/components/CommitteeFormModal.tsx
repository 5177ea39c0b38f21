import { useState } from "react";
import { Alert, DatePicker, Form, Input, Modal, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import { useCreateCommittee } from "../api/create-committee";
import { COMMITTEE_KINDS, type CommitteeKind } from "../api/types";
import { problemText } from "./problem";
import type { OwnUnit, UnitPicker } from "./slots";

type Values = {
  unit_id: string;
  kind: CommitteeKind;
  name: string;
  established_document?: string;
  established_on?: Dayjs | null;
  established_by?: string;
  notes?: string;
};
const FIELDS = ["unit_id", "kind", "name", "established_document", "established_on", "established_by", "notes"] as const;
const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** A new committee: unit, kind, name, the establishing decision (number, date, deciding Front committee). */
export function CommitteeFormModal({ UnitPicker, ownUnit, onClose }: { UnitPicker: UnitPicker; ownUnit: OwnUnit; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateCommittee();
  const [general, setGeneral] = useState<string | null>(null);
  const required = [{ required: true, message: t("committees.form.required") }];

  const submit = async (v: Values) => {
    setGeneral(null);
    try {
      const created = await create.mutateAsync({
        unit_id: v.unit_id,
        kind: v.kind,
        name: v.name.trim(),
        established_document: text(v.established_document),
        established_on: v.established_on ? v.established_on.format("YYYY-MM-DD") : null,
        established_by: text(v.established_by),
        notes: text(v.notes),
      });
      onClose();
      void navigate(`/committees/${created.id}`);
    } catch (err) {
      const { fields, general: g } = formFailure(err, FIELDS, t, problemText(t, err, undefined));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(g);
    }
  };

  return (
    <Modal
      open
      title={t("committees.form.title")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.form.save")}
      cancelText={t("committees.form.cancel")}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: "people_inspection", unit_id: ownUnit?.id }}>
        <Form.Item name="unit_id" label={t("committees.form.unit")} rules={required}>
          <UnitPicker placeholder={t("committees.form.unit")} known={ownUnit} />
        </Form.Item>
        <Form.Item name="kind" label={t("committees.form.kind")} rules={required}>
          <Select options={COMMITTEE_KINDS.map((k) => ({ value: k, label: t(`committees.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t("committees.form.name")} rules={[...required, { whitespace: true, message: t("committees.form.required") }]}>
          <Input maxLength={255} />
        </Form.Item>
        <Form.Item name="established_document" label={t("committees.form.document")}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="established_on" label={t("committees.form.establishedOn")}>
          <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="established_by" label={t("committees.form.establishedBy")}>
          <Input maxLength={255} />
        </Form.Item>
        <Form.Item name="notes" label={t("committees.form.notes")}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
