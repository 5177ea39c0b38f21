import { useState, type ComponentType } from "react";
import { App, Button, Popconfirm, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { errorMessage } from "../../../lib/errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { API_KEY_SORTS, API_KEYS_PAGE_SIZE, exportApiKeys, useApiKeys } from "../api/list-api-keys";
import { useRevokeApiKey } from "../api/revoke-api-key";
import type { ApiKeyCreated, ApiKeyRead, Permission } from "../api/types";
import { ApiKeySecretModal } from "./ApiKeySecretModal";
import { CreateApiKeyModal, type UnitPicker } from "./CreateApiKeyModal";

/** The list's URL: `revoked` (`1`: revoked keys too), `sort`, `limit`, `cursor`. */
const API_KEYS_LIST = defineList({
  filters: { revoked: { kind: "boolean", label: "apiKeys.includeRevoked" } },
  sort: { fields: API_KEY_SORTS, default: "-created_at", labels: { name: "apiKeys.name", created_at: "list.createdAt" } },
  pageSizes: [API_KEYS_PAGE_SIZE, 50, 100],
  empty: "apiKeys.empty",
});

type Props = { UnitPicker: UnitPicker; UnitName: ComponentType<{ unitId: string | null }> };

function status(k: ApiKeyRead): "revoked" | "expired" | "active" {
  if (k.revoked_at) return "revoked";
  if (k.expires_at && Date.parse(k.expires_at) <= Date.now()) return "expired";
  return "active";
}

export function ApiKeysPanel({ UnitPicker, UnitName }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListState(API_KEYS_LIST);
  const listParams = {
    includeRevoked: list.filters.revoked,
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const keys = useApiKeys(listParams);
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

  const columns: ListColumn<ApiKeyRead>[] = [
    { title: t("apiKeys.name"), dataIndex: "name", sortField: "name" },
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
      sortField: "created_at",
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
  ];

  return (
    <>
      <FilterBar
        list={list}
        exportFile={{ name: "api-keys", download: () => exportApiKeys(listParams) }}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("apiKeys.create")}
          </Button>
        }
      />
      <ListTable list={list} query={keys} columns={columns} rowKey="id" />
      <CreateApiKeyModal open={creating} onClose={() => setCreating(false)} onCreated={setCreated} UnitPicker={UnitPicker} />
      <ApiKeySecretModal created={created} onClose={() => setCreated(null)} />
    </>
  );
}
