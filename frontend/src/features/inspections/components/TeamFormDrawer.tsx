import { useMemo, useState } from "react";
import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Form, Input, Row, Select, Space, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import type { VersionedTeam } from "../api/get-team";
import { usePlans } from "../api/list-plans";
import { useTopics } from "../api/list-topics";
import { TEAM_KINDS, type PlanRead } from "../api/types";
import { useCreateTeam, useUpdateTeam } from "../api/write-team";
import { keepOpenOnEnter, problemMessage, withFieldErrors } from "../labels";
import { buildTeamCreate, buildTeamUpdate, droppedTargets, newMemberRow, teamFieldResolver, teamInitialValues, type TeamFormValues } from "../team-form";
import type { UnitPicker, UnitsWithinPicker } from "./slots";

type Props = {
  /** The team to correct (with its ETag), or null to form one. */
  versioned: VersionedTeam | null;
  /** For a new team: the plan it carries out (its organiser and topics are the starting values). */
  plan?: PlanRead | null;
  /** The reader's own unit, the organiser of an ad hoc team (null: nationwide). */
  ownUnitId: string | null;
  UnitPicker: UnitPicker;
  TargetsPicker: UnitsWithinPicker;
  onClose: () => void;
};

/**
 * Form a team (from a plan or ad hoc), then open its page; or correct an open team's record: only
 * what changed, with If-Match, so a change made meanwhile by someone else is shown, not overwritten.
 */
export function TeamFormDrawer({ versioned, plan = null, ownUnitId, UnitPicker, TargetsPicker, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<TeamFormValues>();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const topics = useTopics();
  const plans = usePlans({ limit: 100, sort: "-issued_on" });
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const team = versioned?.team ?? null;
  const language = i18n.resolvedLanguage ?? "vi";
  const pending = create.isPending || update.isPending;
  const initialValues = useMemo(() => teamInitialValues(team, plan, ownUnitId), [team, plan, ownUnitId]);
  // Undefined until the form mounts; null once the organiser is cleared (targets then wait for one).
  const watched = Form.useWatch("organising_unit_id", form) as string | null | undefined;
  const organiser = watched === undefined ? (initialValues.organising_unit_id ?? null) : watched;
  const start = Form.useWatch("planned_start", form) as Dayjs | null | undefined;

  const topicOptions = (topics.data ?? [])
    .filter((x) => x.active || team?.topics.includes(x.code))
    .map((x) => ({ value: x.code, label: language === "en" ? x.name_en : x.name_vi }));
  const planItems = plans.data?.items ?? [];
  const planOptions = [...planItems, ...(plan && !planItems.some((p) => p.id === plan.id) ? [plan] : [])].map((p) => ({
    value: p.id,
    label: `${p.document_number} · ${p.title}`,
  }));

  const save = async (v: TeamFormValues) => {
    setGeneral(null);
    setStale(false);
    try {
      if (versioned && team) {
        const body = buildTeamUpdate(team, v);
        if (body === null) {
          void message.info(t("inspections.teamForm.unchanged"));
          onClose();
          return;
        }
        await update.mutateAsync({ teamId: team.id, body, etag: versioned.etag });
        void message.success(t("inspections.teamForm.saved"));
        onClose();
      } else {
        const created = await create.mutateAsync({ body: buildTeamCreate(v), idempotencyKey });
        void message.success(t("inspections.teamForm.created"));
        onClose();
        void navigate(`/inspections/teams/${created.team.id}`);
      }
    } catch (err) {
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
        return;
      }
      const { fields, general } = formFailure(err, teamFieldResolver(v), withFieldErrors(t), problemMessage(t, err));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  const submit = (v: TeamFormValues) => {
    const dropped = team ? droppedTargets(team, v).filter((x) => x.status !== "planned") : [];
    if (dropped.length === 0) return save(v);
    // A target left out loses its visit's record: say which, and ask.
    modal.confirm({
      title: t("inspections.teamForm.dropTitle"),
      content: t("inspections.teamForm.dropText", { units: dropped.map((x) => x.unit.name).join(", ") }),
      okText: t("common.save"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => save(v),
    });
  };

  const required = [{ required: true, message: t("form.required") }];
  const requiredText = [{ required: true, whitespace: true, message: t("form.required") }];
  const title = team ? t("inspections.teamForm.editTitle", { team: team.title }) : t("inspections.teamForm.createTitle");

  return (
    <Drawer open title={title} onClose={onClose} size={820} destroyOnHidden>
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t("inspections.teamForm.staleTitle")}
          description={t("inspections.teamForm.stale")}
          action={
            <Button
              size="small"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(teamInitialValues(team, plan, ownUnitId));
                setStale(false);
              }}
            >
              {t("inspections.teamForm.loadLatest")}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<TeamFormValues> form={form} layout="vertical" onFinish={submit} onKeyDown={keepOpenOnEnter} disabled={pending} initialValues={initialValues}>
        <Form.Item name="title" label={t("inspections.teamForm.title")} rules={requiredText}>
          <Input maxLength={500} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t("inspections.teamForm.kind")} rules={required}>
              <Select options={TEAM_KINDS.map((k) => ({ value: k, label: t(`inspections.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="plan_id" label={t("inspections.teamForm.plan")} extra={t("inspections.teamForm.planHint")}>
              <Select options={planOptions} allowClear showSearch optionFilterProp="label" loading={plans.isPending} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="organising_unit_id"
          label={t("inspections.teamForm.organiser")}
          extra={t("inspections.teamForm.organiserHint")}
          rules={required}
        >
          <UnitPicker known={team?.organising_unit ?? plan?.organising_unit} />
        </Form.Item>

        <Divider titlePlacement="start">{t("inspections.teamForm.decision")}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="decision_number" label={t("inspections.teamForm.decisionNumber")}>
              <Input maxLength={100} placeholder="25/QĐ-BCĐ" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="decision_signer" label={t("inspections.teamForm.decisionSigner")}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t("inspections.teamForm.decisionDateHint")}
        </Typography.Paragraph>

        <Divider titlePlacement="start">{t("inspections.teamForm.period")}</Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="planned_start" label={t("inspections.teamForm.plannedStart")} rules={required}>
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="planned_end"
              label={t("inspections.teamForm.plannedEnd")}
              dependencies={["planned_start"]}
              rules={[
                ...required,
                {
                  validator: (_rule, value: Dayjs | null | undefined) =>
                    value && start && value.isBefore(start, "day")
                      ? Promise.reject(new Error(t("inspections.fieldError.invalid_period")))
                      : Promise.resolve(),
                },
              ]}
            >
              <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t("inspections.teamForm.people")}</Divider>
        <MemberRow prefix="leader" label={t("inspections.role.leader")} />
        <Form.List name="members">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                <MemberRow
                  key={row.key}
                  prefix={row.name}
                  label={t("inspections.teamForm.memberN", { n: i + 1 })}
                  onRemove={() => remove(row.name)}
                  removeLabel={t("inspections.teamForm.removeMember", { n: i + 1 })}
                />
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(newMemberRow())} style={{ marginBottom: 16 }}>
                {t("inspections.teamForm.addMember")}
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t("inspections.teamForm.scope")}</Divider>
        <Form.Item
          name="target_unit_ids"
          label={t("inspections.teamForm.targets")}
          extra={organiser ? t("inspections.teamForm.targetsHint") : t("inspections.teamForm.targetsPickOrganiser")}
        >
          <TargetsPicker withinUnitId={organiser} known={team?.targets.map((x) => x.unit)} disabled={!organiser} />
        </Form.Item>
        <Form.Item name="topics" label={t("inspections.teamForm.topics")}>
          <Select mode="multiple" options={topicOptions} loading={topics.isPending} optionFilterProp="label" allowClear />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={pending}>
            {team ? t("common.save") : t("inspections.teamForm.create")}
          </Button>
          <Button onClick={onClose} disabled={false}>
            {t("common.cancel")}
          </Button>
        </Space>
      </Form>
    </Drawer>
  );
}

/** A person of the team: name (required for the leader's row only when a member is named), position, organisation. */
function MemberRow({
  prefix,
  label,
  onRemove,
  removeLabel,
}: {
  prefix: string | number;
  label: string;
  onRemove?: () => void;
  removeLabel?: string;
}) {
  const { t } = useTranslation();
  const name = (leaf: string) => [prefix, leaf];
  return (
    <div role="group" aria-label={label}>
      <Typography.Text strong>{label}</Typography.Text>
      <Row gutter={12} align="bottom" style={{ marginTop: 4 }}>
        <Col xs={24} md={8}>
          <Form.Item
            name={name("full_name")}
            label={t("inspections.team.memberName")}
            rules={onRemove ? [{ required: true, whitespace: true, message: t("form.required") }] : []}
          >
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name={name("position")} label={t("inspections.team.memberPosition")}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name={name("organisation")} label={t("inspections.team.memberOrganisation")}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        </Col>
        {onRemove && (
          <Col xs={24} md={2}>
            <Form.Item>
              <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={removeLabel} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </div>
  );
}
