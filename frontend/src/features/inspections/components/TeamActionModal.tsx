import { useMemo, useState } from "react";
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import { isAfterToday } from "../../../lib/format";
import type { VersionedTeam } from "../api/get-team";
import { useTransitionTeam } from "../api/transition-team";
import type { TeamAction, TeamWorkflowRead } from "../api/types";
import { problemMessage, withFieldErrors } from "../labels";
import {
  DANGEROUS_ACTIONS,
  LONG_FIELDS,
  MAX_LENGTH,
  buildTeamTransition,
  initialActionValues,
  teamActionFields,
  teamTransitionFieldResolver,
  type TeamActionFormValues,
} from "../team-action";

type Props = {
  versioned: VersionedTeam;
  action: TeamAction;
  workflow: TeamWorkflowRead | undefined;
  /** The day of the team's last act (YYYY-MM-DD): an act cannot be dated before it. */
  notBefore: string | null;
  onClose: () => void;
};

/** One act on a team, with the data the workflow requires, its legal date and a note. */
export function TeamActionModal({ versioned, action, workflow, notBefore, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TeamActionFormValues>();
  const move = useTransitionTeam();
  const [general, setGeneral] = useState<string | null>(null);
  // One key per opening of the form: a retry after a lost answer cannot act twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const team = versioned.team;
  // Fixed when the form opens: a refreshed team must not reshape the fields under the user's hands.
  const [fields] = useState(() => teamActionFields(workflow, team, action));
  const stillAllowed = team.allowed_actions.includes(action);
  const minDay = useMemo(() => (notBefore ? dayjs(notBefore) : null), [notBefore]);
  const actionName = t(`inspections.action.${action}`);

  const submit = async (v: TeamActionFormValues) => {
    setGeneral(null);
    try {
      const moved = await move.mutateAsync({
        teamId: team.id,
        body: buildTeamTransition(action, fields, v),
        // The ETag of the copy on screen: if someone acted meanwhile, the server says 412.
        etag: versioned.etag,
        idempotencyKey,
      });
      void message.success(t("inspections.actionForm.done", { action: actionName, status: t(`inspections.status.${moved.team.status}`) }));
      onClose();
    } catch (err) {
      // A refused act was not recorded: the next submit is a new request (after a network
      // failure the key is kept, so a retry cannot record the act twice).
      if (err instanceof ApiError) setIdempotencyKey(crypto.randomUUID());
      if (err instanceof ApiError && err.code === "action_not_allowed") {
        const allowed = err.extensions.allowed_actions;
        const status = err.extensions.team_status;
        setGeneral(
          t("inspections.actionForm.notAllowed", {
            action: actionName.toLowerCase(),
            status: typeof status === "string" ? t(`inspections.status.${status}`) : "—",
            allowed:
              Array.isArray(allowed) && allowed.length > 0 ? allowed.map((a) => t(`inspections.action.${String(a)}`)).join(", ") : "—",
          }),
        );
        return;
      }
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("inspections.actionForm.stale"));
        return;
      }
      const { fields: errs, general } = formFailure(err, teamTransitionFieldResolver(fields), withFieldErrors(t), problemMessage(t, err));
      form.setFields(errs as Parameters<typeof form.setFields>[0]);
      setGeneral(general);
    }
  };

  return (
    <Modal
      open
      title={t("inspections.actionForm.title", { action: actionName, team: team.title })}
      okText={actionName}
      okButtonProps={{ disabled: !stillAllowed, danger: DANGEROUS_ACTIONS.has(action) }}
      cancelText={t("common.cancel")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(`inspections.actionHint.${action}`, { defaultValue: "" })}</Typography.Paragraph>
      {!stillAllowed && !general && (
        <Alert type="warning" showIcon role="alert" title={t("inspections.actionForm.noLongerAllowed")} style={{ marginBottom: 16 }} />
      )}
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<TeamActionFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={move.isPending}
        initialValues={{ effective_on: dayjs(), ...initialActionValues(team, action) }}
      >
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={t(`inspections.actionForm.field.${f.name}`, { defaultValue: f.name })}
            rules={f.required ? [{ required: true, whitespace: true, message: t("form.required") }] : []}
          >
            {LONG_FIELDS.has(f.name) ? (
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={MAX_LENGTH[f.name]} />
            ) : (
              <Input maxLength={MAX_LENGTH[f.name] ?? 200} />
            )}
          </Form.Item>
        ))}
        <Form.Item
          name="effective_on"
          label={t("inspections.actionForm.effectiveOn")}
          extra={t("inspections.actionForm.effectiveOnHint")}
          rules={[{ required: true, message: t("form.required") }]}
        >
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: "100%" }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || (minDay !== null && d.isBefore(minDay, "day"))}
          />
        </Form.Item>
        <Form.Item name="note" label={t("inspections.actionForm.note")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
