import { useState } from "react";
import { Button, Card, Space, Table, Typography, type TableColumnType } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { useMembers } from "../api/list-members";
import type { CommitteeRead, MemberRead, TermRead } from "../api/types";
import { byRole, sitsOn } from "../rules";
import { EditMemberModal, LeaveModal, MemberModal } from "./MemberForms";

type Props = { committee: CommitteeRead; term: TermRead; canWrite: boolean };

/**
 * The members of a term: those sitting today (or, for a past term, at its end) and those who left,
 * kept in the term's record. Contact details appear only when the answer carries them. A writer
 * corrects any member's details and records a sitting member's leave.
 */
export function MembersCard({ committee, term, canWrite }: Props) {
  const { t } = useTranslation();
  const members = useMembers(committee.id, term.id);
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<MemberRead | null>(null);
  const [editing, setEditing] = useState<MemberRead | null>(null);
  const today = dayjs().format("YYYY-MM-DD");
  const all = byRole(members.data ?? []);
  const left = all.filter((m) => m.left_on !== null && m.left_on <= today);
  const sitting = all.filter((m) => !left.includes(m));
  const withContact = all.some((m) => m.contact !== null);
  const none = t("committees.page.none");

  const columns = (history: boolean): TableColumnType<MemberRead>[] => [
    { title: t("committees.members.fullName"), dataIndex: "full_name", render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t("committees.members.role"), key: "role", render: (_: unknown, m) => t(`committees.role.${m.role}`) },
    { title: t("committees.members.represents"), key: "represents", render: (_: unknown, m) => m.represented_unit?.name ?? none },
    { title: t("committees.members.occupation"), key: "occupation", render: (_: unknown, m) => m.occupation ?? none },
    {
      title: t("committees.members.joinedBy"),
      key: "joinedBy",
      render: (_: unknown, m) => `${t(`committees.joinedByValue.${m.joined_by}`)}${m.meeting_on ? ` (${formatDate(m.meeting_on)})` : ""}`,
    },
    { title: t("committees.members.joinedOn"), dataIndex: "joined_on", render: (v: string) => formatDate(v) },
    ...(history
      ? [
          { title: t("committees.members.leftOn"), key: "leftOn", render: (_: unknown, m: MemberRead) => formatDate(m.left_on) },
          {
            title: t("committees.members.leavingReason"),
            key: "reason",
            render: (_: unknown, m: MemberRead) => (m.leaving_reason ? t(`committees.leavingReasonValue.${m.leaving_reason}`) : none),
          },
        ]
      : []),
    ...(withContact ? [{ title: t("committees.members.contact"), key: "contact", render: (_: unknown, m: MemberRead) => m.contact ?? none }] : []),
    ...(canWrite
      ? [
          {
            title: "",
            key: "actions",
            render: (_: unknown, m: MemberRead) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(m)} aria-label={`${t("committees.members.edit")}: ${m.full_name}`}>
                  {t("committees.members.edit")}
                </Button>
                {!history && (sitsOn(m, today) || m.joined_on > today) && (
                  <Button size="small" type="link" onClick={() => setLeaving(m)} aria-label={`${t("committees.members.leave")}: ${m.full_name}`}>
                    {t("committees.members.leave")}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={t("committees.members.title")}
      extra={
        canWrite && (
          <Button size="small" type="primary" onClick={() => setAdding(true)}>
            {t("committees.members.add")}
          </Button>
        )
      }
    >
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t("committees.members.sitting")}
      </Typography.Title>
      <Table<MemberRead>
        size="small"
        rowKey="id"
        loading={members.isPending}
        dataSource={sitting}
        columns={columns(false)}
        pagination={false}
        locale={{ emptyText: t("committees.members.none") }}
        aria-label={t("committees.members.sitting")}
      />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t("committees.members.history")}
      </Typography.Title>
      <Table<MemberRead>
        size="small"
        rowKey="id"
        dataSource={left}
        columns={columns(true)}
        pagination={false}
        locale={{ emptyText: t("committees.members.noneLeft") }}
        aria-label={t("committees.members.history")}
      />
      {adding && <MemberModal committee={committee} term={term} onClose={() => setAdding(false)} />}
      {leaving && <LeaveModal committeeId={committee.id} member={leaving} onClose={() => setLeaving(null)} />}
      {editing && <EditMemberModal committee={committee} listed={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
