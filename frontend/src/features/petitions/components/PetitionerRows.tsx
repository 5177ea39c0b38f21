import { Button, Checkbox, Col, Form, Input, Row, Space } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { newPersonRow } from "../petitioner-rows";

type Props = {
  /** The people are denouncers: the add button says so. */
  denunciation?: boolean;
};

/**
 * The petitioners of a case, one labelled group per person ("Người thứ 1"…), for the intake and the
 * edit forms: name (required), address, identity number, phone, representative, and remove; a
 * button adds a row. The rows live in the enclosing form's `petitioners` (petitioner-rows.ts).
 */
export function PetitionerRows({ denunciation = false }: Props) {
  const { t } = useTranslation();
  return (
    <Form.List name="petitioners">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, i) => (
            <div key={row.key} role="group" aria-label={t("petitions.form.personN", { n: i + 1 })}>
              <Row gutter={12} align="bottom">
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[row.name, "full_name"]}
                    label={t("petitions.person.fullName")}
                    rules={[{ required: true, whitespace: true, message: t("form.required") }]}
                  >
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
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(row.name)}
                        aria-label={t("petitions.form.removePerson", { n: i + 1 })}
                      />
                    </Form.Item>
                  </Space>
                </Col>
              </Row>
            </div>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(newPersonRow())}>
            {denunciation ? t("petitions.form.addDenouncer") : t("petitions.form.addPerson")}
          </Button>
        </>
      )}
    </Form.List>
  );
}
