import { useState, type ComponentType } from "react";
import { Alert, App, Button, Empty, Popconfirm, Space, Switch, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useListParams } from "../../../lib/search-params";
import { sortOrderOf, sortParam, validSort } from "../../../components/list-page/sort";
import { API_KEY_SORTS, useApiKeys } from "../api/list-api-keys";
import { useRevokeApiKey } from "../api/revoke-api-key";
import type { ApiKeyCreated, ApiKeyRead, Permission } from "../api/types";
import { ApiKeySecretModal } from "./ApiKeySecretModal";
import { CreateApiKeyModal, type UnitPicker } from "./CreateApiKeyModal";

type Props = { UnitPicker: UnitPicker; UnitName: ComponentType<{ unitId: string | null }> };

function status(k: ApiKeyRead): "revoked" | "expired" | "active" {
  if (k.revoked_at) return "revoked";
  if (k.expires_at && Date.parse(k.expires_at) <= Date.now()) return "expired";
  return "active";
}

export function ApiKeysPanel({ UnitPicker, UnitName }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { values, cursor, setFilters, setCursor } = useListParams(["revoked", "sort"] as const);
  const includeRevoked = values.revoked === "1";
  const sort = validSort(values.sort, API_KEY_SORTS, "-created_at");
  const keys = useApiKeys({ includeRevoked, sort, cursor });
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);

  const onRevoke = async (k: ApiKeyRead) => {
    try {
      await revoke.mutateAsync(k.id);
      void message.success(t("apiKeys.revokedOk"));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Space>
          <Switch checked={includeRevoked} onChange={(on) => setFilters({ revoked: on ? "1" : null })} />
          {t("apiKeys.includeRevoked")}
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("apiKeys.create")}
        </Button>
      </Space>
      {keys.isError && <Alert type="error" showIcon message={errorMessage(t, keys.error)} style={{ marginBottom: 12 }} />}
      <Table<ApiKeyRead>
        rowKey="id"
        size="middle"
        loading={keys.isFetching}
        dataSource={keys.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={keys.isError ? t("list.loadFailed") : t("apiKeys.empty")} /> }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setFilters({ sort: sortParam(s?.field, s?.order, API_KEY_SORTS) });
        }}
        columns={[
          { title: t("apiKeys.name"), dataIndex: "name", sorter: true, sortOrder: sortOrderOf(sort, "name") },
          { title: t("apiKeys.prefix"), dataIndex: "prefix", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t("apiKeys.unit"), dataIndex: "unit_id", render: (v: string | null) => <UnitName unitId={v} /> },
          {
            title: t("apiKeys.scopes"),
            dataIndex: "scopes",
            render: (scopes: Permission[]) =>
              scopes.map((s) => (
                <Tag key={s} title={t(`permission.${s}`)}>
                  {s}
                </Tag>
              )),
          },
          { title: t("apiKeys.expiresAt"), dataIndex: "expires_at", render: (v: string | null) => (v ? formatDate(v) : t("apiKeys.never")) },
          { title: t("apiKeys.lastUsed"), dataIndex: "last_used_at", render: (v: string | null) => formatDateTime(v) || "—" },
          {
            title: t("list.createdAt"),
            dataIndex: "created_at",
            sorter: true,
            sortOrder: sortOrderOf(sort, "created_at"),
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t("apiKeys.status"),
            key: "status",
            render: (_: unknown, k: ApiKeyRead) => {
              const s = status(k);
              return <Tag color={s === "active" ? "green" : s === "revoked" ? "red" : "default"}>{t(`apiKeys.state.${s}`)}</Tag>;
            },
          },
          {
            title: "",
            key: "actions",
            render: (_: unknown, k: ApiKeyRead) =>
              k.revoked_at ? null : (
                <Popconfirm
                  title={t("apiKeys.revokeConfirm", { name: k.name })}
                  description={t("apiKeys.revokeHint")}
                  okText={t("apiKeys.revoke")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("common.cancel")}
                  onConfirm={() => onRevoke(k)}
                >
                  <Button size="small" danger loading={revoke.isPending && revoke.variables === k.id}>
                    {t("apiKeys.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <CursorPager cursor={cursor} nextCursor={keys.data?.next_cursor} onChange={setCursor} />
      <CreateApiKeyModal open={creating} onClose={() => setCreating(false)} onCreated={setCreated} UnitPicker={UnitPicker} />
      <ApiKeySecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
