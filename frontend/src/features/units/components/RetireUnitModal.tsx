import { useState } from "react";
import { Alert, DatePicker, Form, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import type { VersionedUnit } from "../api/get-unit";
import { useRetireUnit } from "../api/retire-unit";
import type { UnitRead } from "../api/types";

type Values = { effective_date: Dayjs };
const FIELDS = ["effective_date"] as const;

type Props = { unit: VersionedUnit; onClose: () => void; onDone: (unit: UnitRead) => void };

/** End a unit's life on a day; the API refuses while it has active children (move or retire them first). */
export function RetireUnitModal({ unit, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const retire = useRetireUnit();
  const [general, setGeneral] = useState<string | null>(null);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const validFrom = unit.unit.valid_from ? dayjs(unit.unit.valid_from) : null;

  const submit = async (v: Values) => {
    setGeneral(null);
    try {
      const retired = await retire.mutateAsync({
        unitId: unit.unit.id,
        effectiveDate: v.effective_date.format("YYYY-MM-DD"),
        etag: unit.etag,
        idempotencyKey,
      });
      onDone(retired);
    } catch (err) {
      const { fields, general } = formFailure(err, FIELDS, t, errorMessage(t, err));
      form.setFields(fields);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={t("units.retire.title", { name: unit.unit.name })}
      okText={t("units.retire.submit")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={retire.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t("units.retire.hint")}</Typography.Paragraph>
      {general && <Alert type="error" showIcon message={general} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ effective_date: dayjs() }} disabled={retire.isPending}>
        <Form.Item
          name="effective_date"
          label={t("units.retire.effectiveDate")}
          extra={t("units.retire.effectiveDateHint")}
          rules={[{ required: true, message: t("form.required") }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: "100%" }}
            disabledDate={(d) => isAfterToday(d) || (validFrom !== null && d.isBefore(validFrom, "day"))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
