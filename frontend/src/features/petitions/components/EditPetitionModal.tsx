import { useState } from "react";
import { Alert, App, Checkbox, Col, Divider, Form, Input, InputNumber, Modal, Row } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import type { VersionedPetition } from "../api/get-petition";
import { useUpdatePetition } from "../api/update-petition";
import { buildUpdate, editValuesOf, petitionFieldResolver, type EditValues } from "../petition-form";
import type { ReceptionPicker } from "./slots";
import { PetitionerRows } from "./PetitionerRows";
import { AuthorityField, CategoryField } from "./RecordFields";

type Props = { versioned: VersionedPetition; ReceptionPicker?: ReceptionPicker; onClose: () => void };

/** Correct the record; the state moves only through acts. Sends only what changed, with If-Match. */
export function EditPetitionModal({ versioned, ReceptionPicker, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdatePetition();
  const [general, setGeneral] = useState<string | null>(null);
  const p = versioned.petition;
  const denunciation = p.kind === "denunciation";

  const submit = async (v: EditValues) => {
    setGeneral(null);
    const body = buildUpdate(p, v);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    try {
      await update.mutateAsync({ petitionId: p.id, body, etag: versioned.etag });
      void message.success(t("petitions.edit.saved", { reference: p.reference }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("petitions.edit.stale"));
        return;
      }
      const { fields, general } = formFailure(err, petitionFieldResolver, t, errorMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={t("petitions.edit.title", { reference: p.reference })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      width={820}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<EditValues> form={form} layout="vertical" onFinish={submit} disabled={update.isPending} initialValues={editValuesOf(p)}>
        <Form.Item name="subject" label={t("petitions.form.subject")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="content" label={t("petitions.form.content")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <CategoryField keep={p.category} />
          </Col>
          <Col xs={24} md={12}>
            <AuthorityField />
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="complex" valuePropName="checked">
              <Checkbox>{t("petitions.form.complex")}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="remote_area" valuePropName="checked">
              <Checkbox>{t("petitions.page.remoteArea")}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="head_count" label={t("petitions.form.headCount")}>
              <InputNumber min={1} max={100000} style={{ width: 140 }} />
            </Form.Item>
          </Col>
          {ReceptionPicker && (
            <Col span={24}>
              <Form.Item name="reception_id" label={t("petitions.form.reception")}>
                <ReceptionPicker unitId={p.receiving_unit.id} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Alert type="info" showIcon title={t("petitions.edit.recountHint")} style={{ marginBottom: 16 }} />
        {denunciation ? (
          <Alert type="warning" showIcon title={t("petitions.edit.denouncersNotHere")} />
        ) : (
          <>
            <Divider titlePlacement="start">{t("petitions.form.petitioners")}</Divider>
            <PetitionerRows />
          </>
        )}
      </Form>
    </Modal>
  );
}
