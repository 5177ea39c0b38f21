import { useState } from "react";
import { Alert, App, Button, Popconfirm, Space, Tag, Typography } from "antd";
import { SafetyCertificateOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { formatDateTime } from "../../../lib/format";
import { useChangeGrant } from "../api/change-grant";
import { exportConfidentialHolders, HOLDER_SORTS, HOLDERS_PAGE_SIZE, useConfidentialHolders } from "../api/list-confidential-holders";
import { CONFIDENTIAL_PERMISSIONS, type Holder } from "../api/types";
import { GrantModal } from "./GrantModal";
import { GrantRecordCell } from "./GrantRecordCell";
import { grantFailure } from "./problem";
import type { UnitNameSlot, UserPickerSlot } from "./slots";

/** The list's URL: `permission` (default petitions:confidential), `active` (`true`/`false`), `sort`, `limit`, `cursor`. */
const HOLDERS_LIST = defineList({
  filters: {
    permission: {
      kind: "select",
      label: "confidentialAccess.permission",
      values: CONFIDENTIAL_PERMISSIONS,
      default: "petitions:confidential",
      optionLabel: (p) => `confidentialAccess.permissionOption.${p}`,
      width: 320,
    },
    active: {
      kind: "select",
      label: "confidentialAccess.status",
      values: ["true", "false"],
      optionLabel: (v) => (v === "true" ? "confidentialAccess.active" : "confidentialAccess.inactive"),
      width: 200,
    },
  },
  sort: {
    fields: HOLDER_SORTS,
    default: "username",
    labels: { username: "confidentialAccess.username", created_at: "confidentialAccess.accountCreated" },
  },
  pageSizes: [HOLDERS_PAGE_SIZE, 50, 100],
  empty: "confidentialAccess.empty",
});

type Props = {
  /** May grant and revoke (`users:grant_confidential`, with `users:manage` to change a person). */
  canGrant: boolean;
  /** A nationwide grantor, who alone gives and takes the right to grant. */
  nationwide: boolean;
  /** May read the audit log, where each grant's date and grantor are. */
  canReadAudit: boolean;
  /** The signed-in person: nobody changes their own grants. */
  selfId: string | null;
  UnitName: UnitNameSlot;
  UserPicker: UserPickerSlot;
};

/**
 * Who holds a confidential permission in the jurisdiction now, for the steering committee that
 * answers for the secret; grantors give and take it here, each change confirmed and audited.
 */
export function ConfidentialHoldersPanel({ canGrant, nationwide, canReadAudit, selfId, UnitName, UserPicker }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListState(HOLDERS_LIST);
  const { permission, active } = list.filters;
  const current = permission ?? "petitions:confidential";
  const listParams = {
    permission: current,
    isActive: active === null ? undefined : active === "true",
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const holders = useConfidentialHolders(listParams);
  const change = useChangeGrant();
  const [granting, setGranting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Only a nationwide grantor gives or takes the right to grant (the API answers nationwide_only).
  const mayChange = canGrant && (current === "petitions:confidential" || nationwide);

  const revoke = async (h: Holder) => {
    setFailure(null);
    try {
      await change.mutateAsync({ userId: h.id, permission: current, granted: false });
      void message.success(t("confidentialAccess.revokedOk", { name: h.full_name }));
    } catch (err) {
      setFailure(grantFailure(t, err));
    }
  };

  const columns: ListColumn<Holder>[] = [
    {
      title: t("confidentialAccess.fullName"),
      dataIndex: "full_name",
      render: (name: string, h) => (
        <Space size="small">
          {name}
          {h.id === selfId && <Tag>{t("confidentialAccess.yourself")}</Tag>}
        </Space>
      ),
    },
    { title: t("confidentialAccess.username"), dataIndex: "username", sortField: "username" },
    { title: t("confidentialAccess.unit"), dataIndex: "unit_id", render: (v: string | null) => <UnitName unitId={v} /> },
    {
      title: t("confidentialAccess.status"),
      dataIndex: "is_active",
      render: (a: boolean) =>
        a ? <Tag color="green">{t("confidentialAccess.active")}</Tag> : <Tag>{t("confidentialAccess.inactive")}</Tag>,
    },
    ...(canReadAudit
      ? [
          {
            title: t("confidentialAccess.grantedAt"),
            key: "granted_at",
            render: (_: unknown, h: Holder) => <GrantRecordCell userId={h.id} permission={current} show="grantedAt" />,
          },
          {
            title: t("confidentialAccess.grantedBy"),
            key: "granted_by",
            render: (_: unknown, h: Holder) => <GrantRecordCell userId={h.id} permission={current} show="grantedBy" />,
          },
        ]
      : []),
    {
      title: t("confidentialAccess.accountCreated"),
      dataIndex: "created_at",
      sortField: "created_at",
      render: (v: string) => formatDateTime(v),
    },
    ...(mayChange
      ? [
          {
            title: "",
            key: "actions",
            render: (_: unknown, h: Holder) =>
              h.id === selfId ? null : (
                <Popconfirm
                  title={t("confidentialAccess.revokeConfirm", { name: h.full_name })}
                  description={t("confidentialAccess.revokeHint", { what: t(`confidentialAccess.revokeWhat.${current}`) })}
                  okText={t("confidentialAccess.revoke")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("common.cancel")}
                  onConfirm={() => revoke(h)}
                >
                  <Button size="small" danger loading={change.isPending && change.variables?.userId === h.id}>
                    {t("confidentialAccess.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t("confidentialAccess.title")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t("confidentialAccess.intro")}</Typography.Paragraph>
      {!canReadAudit && <Typography.Paragraph type="secondary">{t("confidentialAccess.auditHint")}</Typography.Paragraph>}
      {failure && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          title={t("confidentialAccess.changeFailed")}
          description={failure}
          style={{ marginBottom: 12 }}
        />
      )}
      <FilterBar
        list={list}
        exportFile={{ name: "users-confidential-holders", download: () => exportConfidentialHolders(listParams) }}
        actions={
          mayChange && (
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setGranting(true)}>
              {t("confidentialAccess.grant")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={holders} columns={columns} rowKey="id" />
      {mayChange && <GrantModal open={granting} permission={current} onClose={() => setGranting(false)} UserPicker={UserPicker} />}
    </>
  );
}
