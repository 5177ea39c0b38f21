import { useState, type ComponentType } from "react";
import { App, Button, Popconfirm, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { FilterBar } from "../../../components/list-page/FilterBar";
import { defineList } from "../../../components/list-page/list-spec";
import { ListTable, type ListColumn } from "../../../components/list-page/ListTable";
import { useListState } from "../../../components/list-page/use-list-state";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { exportUsers, USER_SORTS, USERS_PAGE_SIZE, useUsers } from "../api/list-users";
import { useSetUserActive } from "../api/update-user";
import { ROLES, type Role, type UserRead } from "../api/types";
import { CreateUserModal, type UnitPicker } from "./CreateUserModal";

/** The list's URL: `q`, `role`, `active` (`true`/`false`), `sort`, `limit`, `cursor`. */
const USERS_LIST = defineList({
  filters: {
    q: { kind: "search", label: "users.search", maxLength: 100 },
    role: { kind: "select", label: "users.role", values: ROLES, optionLabel: (r) => `role.${r}` },
    active: {
      kind: "select",
      label: "users.status",
      values: ["true", "false"],
      optionLabel: (v) => (v === "true" ? "users.active" : "users.inactive"),
      width: 160,
    },
  },
  sort: { fields: USER_SORTS, default: "username", labels: { username: "users.username", created_at: "list.createdAt" } },
  pageSizes: [USERS_PAGE_SIZE, 50, 100],
  empty: "users.empty",
});

type Props = { canManage: boolean; UnitPicker: UnitPicker; UnitName: ComponentType<{ unitId: string | null }> };

export function UsersPanel({ canManage, UnitPicker, UnitName }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListState(USERS_LIST);
  const { q, role, active } = list.filters;
  const listParams = {
    q,
    role: role ?? undefined,
    isActive: active === null ? undefined : active === "true",
    sort: list.sort,
    cursor: list.cursor,
    limit: list.pageSize,
    includeTotal: list.includeTotal,
  };
  const users = useUsers(listParams);
  const toggle = useSetUserActive();
  const [creating, setCreating] = useState(false);

  const onToggle = async (u: UserRead) => {
    try {
      await toggle.mutateAsync({ userId: u.id, isActive: !u.is_active });
      void message.success(u.is_active ? t("users.disabledOk") : t("users.enabledOk"));
    } catch (err) {
      void message.error(errorMessage(t, err));
    }
  };

  const columns: ListColumn<UserRead>[] = [
    { title: t("users.username"), dataIndex: "username", sortField: "username" },
    { title: t("users.fullName"), dataIndex: "full_name" },
    { title: t("users.email"), dataIndex: "email", render: (v: string | null) => v ?? "—" },
    { title: t("users.unit"), dataIndex: "unit_id", render: (v: string | null) => <UnitName unitId={v} /> },
    {
      title: t("users.roles"),
      dataIndex: "roles",
      render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
    },
    {
      title: t("users.status"),
      dataIndex: "is_active",
      render: (a: boolean) => (a ? <Tag color="green">{t("users.active")}</Tag> : <Tag>{t("users.inactive")}</Tag>),
    },
    { title: t("users.lastLogin"), dataIndex: "last_login_at", render: (v: string | null) => formatDateTime(v) || "—" },
    { title: t("list.createdAt"), dataIndex: "created_at", sortField: "created_at", render: (v: string) => formatDateTime(v) },
    ...(canManage
      ? [
          {
            title: "",
            key: "actions",
            render: (_: unknown, u: UserRead) => (
              <Popconfirm
                title={u.is_active ? t("users.disableConfirm", { name: u.username }) : t("users.enableConfirm", { name: u.username })}
                okText={t("common.confirm")}
                cancelText={t("common.cancel")}
                onConfirm={() => onToggle(u)}
              >
                <Button size="small" danger={u.is_active} loading={toggle.isPending && toggle.variables?.userId === u.id}>
                  {u.is_active ? t("users.disable") : t("users.enable")}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <FilterBar
        list={list}
        exportFile={{ name: "users", download: () => exportUsers(listParams) }}
        actions={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("users.create")}
            </Button>
          )
        }
      />
      <ListTable list={list} query={users} columns={columns} rowKey="id" />
      {canManage && <CreateUserModal open={creating} onClose={() => setCreating(false)} UnitPicker={UnitPicker} />}
    </>
  );
}
