import { useState } from "react";
import { Alert, App, Button, Checkbox, Col, Divider, Form, Input, InputNumber, Modal, Row, Space } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import type { VersionedPetition } from "../api/get-petition";
import { useUpdatePetition } from "../api/update-petition";
import { buildUpdate, editValuesOf, petitionFieldResolver, type EditValues } from "../petition-form";
import type { ReceptionPicker } from "./slots";
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
            <Form.List name="petitioners">
              {(rows, { add, remove }) => (
                <>
                  {rows.map((row, i) => (
                    <Row key={row.key} gutter={12} align="bottom" role="group" aria-label={t("petitions.form.personN", { n: i + 1 })}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[row.name, "full_name"]} label={t("petitions.person.fullName")} rules={[{ required: true, whitespace: true, message: t("form.required") }]}>
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={16}>
                        <Form.Item name={[row.name, "address"]} label={t("petitions.person.address")}>
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item name={[row.name, "identity_number"]} label={t("petitions.person.identityNumber")}>
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item name={[row.name, "phone"]} label={t("petitions.person.phone")}>
                          <Input autoComplete="off" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Space>
                          <Form.Item name={[row.name, "is_representative"]} valuePropName="checked">
                            <Checkbox>{t("petitions.person.representative")}</Checkbox>
                          </Form.Item>
                          <Form.Item>
                            <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t("petitions.form.removePerson", { n: i + 1 })} />
                          </Form.Item>
                        </Space>
                      </Col>
                    </Row>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ is_representative: false })}>
                    {t("petitions.form.addPerson")}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}
