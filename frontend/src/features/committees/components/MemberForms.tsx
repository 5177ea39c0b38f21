import { useState } from "react";
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Skeleton, Typography, type FormInstance } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import dayjs, { type Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../api/client";
import { formFailure } from "../../../lib/form-errors";
import { memberQueryOptions, useMember, type VersionedMember } from "../api/get-member";
import { committeesKeys } from "../api/keys";
import { useRules, type CompositionRule } from "../api/list-rules";
import { useVillages } from "../api/list-villages";
import {
  CONSTITUENCIES,
  GENDERS,
  JOINED_BY,
  LEAVING_REASONS,
  MEMBER_ROLES,
  type CommitteeRead,
  type JoinedBy,
  type LeavingReason,
  type MemberRead,
  type TermRead,
} from "../api/types";
import { useWriteMember } from "../api/write-member";
import {
  buildLeave,
  buildMemberCreate,
  buildMemberUpdate,
  MEMBER_FIELDS,
  MEMBER_FIELDS_WITH_LEAVE,
  memberValuesOf,
  type MemberFormValues,
} from "../member-form";
import { ruleRefusal } from "../rules";
import { problemText } from "./problem";

type Failure = { fields: { name: string | (string | number)[]; errors: string[] }[]; general: string | null };

/**
 * Where a refused write lands: a refusal naming a rule (its words and article) once above the form,
 * other field errors on their fields, the rest above the form.
 */
function memberFailure(t: TFunction, err: unknown, rules: readonly CompositionRule[] | undefined, fields: readonly string[]): Failure {
  // The rule and its article, said once next to the form rather than on one field.
  if (ruleRefusal(err)) return { fields: [], general: problemText(t, err, rules) };
  return formFailure(err, fields, t, problemText(t, err, rules));
}

/** A new member of the term: the person, the village represented, the role, how they joined, and the eligibility declaration. */
export function MemberModal({ committee, term, onClose }: { committee: CommitteeRead; term: TermRead; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberFormValues>();
  const write = useWriteMember(committee.id);
  const rules = useRules();
  const [general, setGeneral] = useState<string | null>(null);
  const initialJoinedBy = committee.kind === "people_inspection_agency" ? "appointment" : "village_meeting_election";
  const initialJoin = term.starts_on > dayjs().format("YYYY-MM-DD") ? dayjs(term.starts_on) : dayjs();

  const submit = async (v: MemberFormValues) => {
    setGeneral(null);
    try {
      await write.mutateAsync({ memberId: null, body: buildMemberCreate(term.id, v) });
      void message.success(t("committees.members.added"));
      onClose();
    } catch (err) {
      const failure = memberFailure(t, err, rules.data, MEMBER_FIELDS);
      form.setFields(failure.fields as Parameters<typeof form.setFields>[0]);
      setGeneral(failure.general);
    }
  };

  return (
    <Modal
      open
      title={t("committees.members.addTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.members.save")}
      cancelText={t("committees.members.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={760}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<MemberFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          role: "member",
          joined_by: initialJoinedBy,
          joined_on: initialJoin,
          holds_commune_post: false,
          related_to_project_party: false,
        }}
      >
        <MemberFields committee={committee} form={form} initialJoinedBy={initialJoinedBy} />
      </Form>
    </Modal>
  );
}

/**
 * Correct a member's recorded details: the form starts from a fresh read of the member (its ETag) and
 * sends only what changed, with If-Match. A change made meanwhile (412) is said, and the form and the
 * list show the member as it now is, to correct again.
 */
export function EditMemberModal({ committee, listed, onClose }: { committee: CommitteeRead; listed: MemberRead; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<MemberFormValues>();
  const member = useMember(committee.id, listed.id);
  const write = useWriteMember(committee.id);
  const rules = useRules();
  const [general, setGeneral] = useState<string | null>(null);
  // The copy being corrected: the first read, kept while the form is open (a later refetch must not
  // move what the changes are counted from), then the one reloaded after a 412; its tag is sent back.
  const [base, setBase] = useState<VersionedMember | null>(null);
  if (base === null && member.data) setBase(member.data);
  const withLeave = listed.left_on !== null;

  const reload = async (memberId: string) => {
    const fresh = await qc.fetchQuery(memberQueryOptions(committee.id, memberId));
    setBase(fresh);
    form.setFieldsValue(memberValuesOf(fresh.member));
    await qc.invalidateQueries({ queryKey: committeesKeys.memberList(committee.id, fresh.member.term_id) });
  };

  const submit = async (v: MemberFormValues) => {
    if (!base) return;
    setGeneral(null);
    // The whole store: a field this kind of committee does not draw keeps the member's value.
    const values = { ...form.getFieldsValue(true), ...v } as MemberFormValues;
    const body = buildMemberUpdate(base.member, values, withLeave);
    try {
      if (Object.keys(body).length > 0) await write.mutateAsync({ memberId: base.member.id, body, etag: base.etag });
      void message.success(t("committees.members.corrected"));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setGeneral(t("committees.members.stale"));
        await reload(base.member.id).catch(() => {});
        return;
      }
      const failure = memberFailure(t, err, rules.data, withLeave ? MEMBER_FIELDS_WITH_LEAVE : MEMBER_FIELDS);
      form.setFields(failure.fields as Parameters<typeof form.setFields>[0]);
      setGeneral(failure.general);
    }
  };

  return (
    <Modal
      open
      title={t("committees.members.editTitle", { name: listed.full_name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.members.save")}
      cancelText={t("committees.members.cancel")}
      okButtonProps={{ disabled: base === null }}
      confirmLoading={write.isPending}
      destroyOnHidden
      width={760}
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      {base ? (
        <Form<MemberFormValues> form={form} layout="vertical" onFinish={submit} initialValues={memberValuesOf(base.member)}>
          <MemberFields committee={committee} form={form} initialJoinedBy={base.member.joined_by} withLeave={withLeave} />
        </Form>
      ) : member.isError ? (
        <Alert type="error" showIcon title={problemText(t, member.error, undefined)} />
      ) : (
        <Skeleton active />
      )}
    </Modal>
  );
}

/** The person, the village, the role, how they joined and the declaration: the fields of both member forms. */
function MemberFields({
  committee,
  form,
  initialJoinedBy,
  withLeave = false,
}: {
  committee: CommitteeRead;
  form: FormInstance<MemberFormValues>;
  initialJoinedBy: JoinedBy;
  withLeave?: boolean;
}) {
  const { t } = useTranslation();
  const villages = useVillages(committee.kind === "people_inspection_agency" ? null : committee.unit_id);
  // Undefined until the form has mounted: the initial value until then, so an appointment never asks for a meeting.
  const joinedBy = Form.useWatch("joined_by", form) ?? initialJoinedBy;
  const required = [{ required: true, message: t("committees.form.required") }];
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="full_name" label={t("committees.members.fullName")} rules={[...required, { whitespace: true, message: t("committees.form.required") }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="gender" label={t("committees.members.gender")}>
            <Select allowClear options={GENDERS.map((g) => ({ value: g, label: t(`committees.genderValue.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="birth_year" label={t("committees.members.birthYear")}>
            <InputNumber min={1900} max={dayjs().year()} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="ethnicity" label={t("committees.members.ethnicity")}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="occupation" label={t("committees.members.occupation")}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contact" label={t("committees.members.contact")}>
            <Input maxLength={255} />
          </Form.Item>
        </Col>
        {committee.kind !== "people_inspection_agency" && (
          <Col xs={24} md={12}>
            <Form.Item name="represented_unit_id" label={t("committees.members.represents")}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                loading={villages.isPending}
                options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} md={6}>
          <Form.Item name="role" label={t("committees.members.role")} rules={required}>
            <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`committees.role.${r}`) }))} />
          </Form.Item>
        </Col>
        {committee.kind === "investment_supervision" && (
          <Col xs={12} md={6}>
            <Form.Item name="constituency" label={t("committees.members.constituency")}>
              <Select allowClear options={CONSTITUENCIES.map((c) => ({ value: c, label: t(`committees.constituencyValue.${c}`) }))} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={12}>
          <Form.Item name="joined_by" label={t("committees.members.joinedBy")} rules={required}>
            <Select options={JOINED_BY.map((j) => ({ value: j, label: t(`committees.joinedByValue.${j}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="joined_on" label={t("committees.members.joinedOn")} rules={required}>
            <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        {joinedBy !== "appointment" && (
          <>
            <Col xs={24} md={8}>
              <Form.Item name="meeting_on" label={t("committees.members.meetingOn")} rules={required}>
                <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="votes_for" label={t("committees.members.votesFor")}>
                <InputNumber min={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="voters" label={t("committees.members.voters")}>
                <InputNumber min={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </>
        )}
        {withLeave && (
          <>
            <Col xs={24} md={12}>
              <Form.Item name="left_on" label={t("committees.members.leftOn")}>
                <DatePicker format="DD/MM/YYYY" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="leaving_reason" label={t("committees.members.leavingReason")}>
                <Select allowClear options={LEAVING_REASONS.map((r) => ({ value: r, label: t(`committees.leavingReasonValue.${r}`) }))} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Typography.Text strong>{t("committees.members.eligibility")}</Typography.Text>
      <Form.Item name="holds_commune_post" valuePropName="checked" style={{ marginBottom: 4 }}>
        <Checkbox>{t("committees.members.holdsCommunePost")}</Checkbox>
      </Form.Item>
      {committee.kind === "investment_supervision" && (
        <Form.Item name="related_to_project_party" valuePropName="checked">
          <Checkbox>{t("committees.members.relatedToProjectParty")}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

type LeaveValues = { left_on: Dayjs; leaving_reason: LeavingReason };

/** A member leaves: the first day no longer on the committee and why; the member stays in the term's record. */
export function LeaveModal({ committeeId, member, onClose }: { committeeId: string; member: MemberRead; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeaveValues>();
  const write = useWriteMember(committeeId);
  const rules = useRules();
  const [general, setGeneral] = useState<string | null>(null);
  const required = [{ required: true, message: t("committees.form.required") }];
  const submit = async (v: LeaveValues) => {
    setGeneral(null);
    try {
      await write.mutateAsync({ memberId: member.id, body: buildLeave(v) });
      void message.success(t("committees.members.left"));
      onClose();
    } catch (err) {
      const failure = memberFailure(t, err, rules.data, ["left_on", "leaving_reason"]);
      form.setFields(failure.fields as Parameters<typeof form.setFields>[0]);
      setGeneral(failure.general);
    }
  };
  return (
    <Modal
      open
      title={t("committees.members.leaveTitle", { name: member.full_name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("committees.members.save")}
      cancelText={t("committees.members.cancel")}
      confirmLoading={write.isPending}
      destroyOnHidden
    >
      {general && <Alert type="error" showIcon role="alert" title={general} style={{ marginBottom: 16 }} />}
      <Form<LeaveValues> form={form} layout="vertical" onFinish={submit} initialValues={{ left_on: dayjs(), leaving_reason: "resignation" }}>
        <Form.Item name="left_on" label={t("committees.members.leftOn")} rules={required}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="leaving_reason" label={t("committees.members.leavingReason")} rules={required}>
          <Select options={LEAVING_REASONS.map((r) => ({ value: r, label: t(`committees.leavingReasonValue.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
