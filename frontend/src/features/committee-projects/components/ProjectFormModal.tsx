import { useState } from "react";
import { Alert, App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, type FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../lib/errors";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import { projectQueryOptions, useCreateProject, useUpdateProject, type VersionedProject } from "../api/projects";
import { CAPITAL_SOURCES } from "../api/types";
import { buildProjectCreate, buildProjectUpdate, projectField, projectValuesOf, repeatsLocation, type ProjectValues } from "../project-form";
import type { OwnUnit, UnitPicker } from "./slots";

type Known = NonNullable<OwnUnit>;

type Props = {
  UnitPicker: UnitPicker;
  ownUnit: OwnUnit;
  /** The project to edit (with its ETag), or none for a new one. */
  existing?: VersionedProject | null;
  onClose: () => void;
};

/**
 * A new investment project (name, investor, capital, its main location and further ones, dates),
 * opened once recorded; or an edit of one, sending only what changed with If-Match (a change made
 * meanwhile is said and the form reloaded).
 */
export function ProjectFormModal({ UnitPicker, ownUnit, existing = null, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProjectValues>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const [general, setGeneral] = useState<string | null>(null);
  // The copy being edited: what the changes are counted from and the tag sent back.
  const [base, setBase] = useState(existing);
  const required = [{ required: true, message: t("committeeProjects.form.required") }];
  const known: Known[] = [...(ownUnit ? [ownUnit] : []), ...(base?.project.locations ?? [])];

  const reload = async (id: string) => {
    const fresh = await qc.fetchQuery({ ...projectQueryOptions(id), staleTime: 0 });
    setBase(fresh);
    form.setFieldsValue(projectValuesOf(fresh.project));
  };

  const submit = async (v: ProjectValues) => {
    setGeneral(null);
    try {
      if (base) {
        const body = buildProjectUpdate(base.project, v);
        if (Object.keys(body).length > 0) await update.mutateAsync({ id: base.project.id, body, etag: base.etag });
        void message.success(t("committeeProjects.form.saved"));
        onClose();
      } else {
        const created = await create.mutateAsync(buildProjectCreate(v));
        onClose();
        void navigate(`/projects/${created.id}`);
      }
    } catch (err) {
      if (base && err instanceof ApiError && err.status === 412) {
        setGeneral(t("committeeProjects.form.stale"));
        await reload(base.project.id).catch(() => {});
        return;
      }
      const { fields, general: g } = formFailure(err, projectField, t, errorMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(g);
    }
  };

  return (
    <Modal
      open
      title={base ? t("committeeProjects.form.editTitle") : t("committeeProjects.form.title")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committeeProjects.form.save")}
      cancelText={t("committeeProjects.form.cancel")}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={640}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<ProjectValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={existing ? projectValuesOf(existing.project) : { capital_source: "state_budget", unit_id: ownUnit?.id, further: [] }}
      >
        <Form.Item name="name" label={t("committeeProjects.name")} rules={[...required, { whitespace: true, message: t("committeeProjects.form.required") }]}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="investor" label={t("committeeProjects.investor")} rules={[...required, { whitespace: true, message: t("committeeProjects.form.required") }]}>
          <Input maxLength={255} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="capital_source" label={t("committeeProjects.capitalSource")} rules={required}>
            <Select style={{ width: 260 }} options={CAPITAL_SOURCES.map((s) => ({ value: s, label: t(`committeeProjects.capitalSourceValue.${s}`) }))} />
          </Form.Item>
          <Form.Item name="total_investment" label={t("committeeProjects.totalInvestment")}>
            <InputNumber<number> min={0} step={1_000_000} style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Form.Item name="unit_id" label={t("committeeProjects.form.mainLocation")} extra={t("committeeProjects.locationHint")} rules={required}>
          <LocationPicker UnitPicker={UnitPicker} known={known} placeholder={t("committeeProjects.form.mainLocation")} />
        </Form.Item>
        <FurtherLocations form={form} UnitPicker={UnitPicker} known={known} />
        <Space wrap>
          <Form.Item name="starts_on" label={t("committeeProjects.startsOn")} rules={required}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="planned_end_on" label={t("committeeProjects.plannedEndOn")}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item name="actual_end_on" label={t("committeeProjects.actualEndOn")} extra={base?.project.board?.status === "active" ? t("committeeProjects.form.endDissolves") : undefined}>
            <DatePicker format="DD/MM/YYYY" disabledDate={isAfterToday} />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t("committeeProjects.notes")}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The locations after the main one, one picker each (the unit picker picks one unit), in the order
 * sent: the Nth further picker is `location_unit_ids.N` for the API's errors. An empty picker is
 * refused rather than skipped, so those indexes always match.
 */
function FurtherLocations({ form, UnitPicker, known }: { form: FormInstance<ProjectValues>; UnitPicker: UnitPicker; known: Known[] }) {
  const { t } = useTranslation();
  const label = (n: number) => t("committeeProjects.form.furtherLocation", { n });
  const notRepeated = (index: number) => ({
    validator: async () => {
      if (repeatsLocation({ unit_id: form.getFieldValue("unit_id"), further: form.getFieldValue("further") }, index)) {
        throw new Error(t("committeeProjects.form.repeatedLocation"));
      }
    },
  });
  return (
    <Form.List name="further">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Form.Item key={field.key} label={label(index + 1)} htmlFor={`further_${field.name}`} required>
              <Flex gap={8}>
                <Form.Item
                  name={field.name}
                  noStyle
                  dependencies={["unit_id"]}
                  rules={[{ required: true, message: t("committeeProjects.form.pickOrRemove") }, notRepeated(index)]}
                >
                  <LocationPicker UnitPicker={UnitPicker} known={known} id={`further_${field.name}`} placeholder={label(index + 1)} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("committeeProjects.form.removeLocation", { n: index + 1 })} />
              </Flex>
            </Form.Item>
          ))}
          <Form.Item>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)}>
              {t("committeeProjects.form.addLocation")}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

/** The unit picker, naming its unit from those the form knows (the reader's, the project's) before its branch of the tree loads. */
function LocationPicker({
  UnitPicker,
  known,
  ...props
}: {
  UnitPicker: UnitPicker;
  known: Known[];
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
}) {
  return <UnitPicker {...props} known={known.find((u) => u.id === props.value) ?? null} />;
}
