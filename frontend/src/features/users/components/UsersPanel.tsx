import { useState, type ComponentType } from "react";
import { Alert, App, Button, Empty, Input, Popconfirm, Select, Space, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { CursorPager } from "../../../components/CursorPager";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { useListParams } from "../../../lib/search-params";
import { sortOrderOf, sortParam, validSort } from "../../../components/list-page/sort";
import { USER_SORTS, useUsers } from "../api/list-users";
import { useSetUserActive } from "../api/update-user";
import { ROLES, type Role, type UserRead } from "../api/types";
import { CreateUserModal, type UnitPicker } from "./CreateUserModal";

type Props = { canManage: boolean; UnitPicker: UnitPicker; UnitName: ComponentType<{ unitId: string | null }> };

export function UsersPanel({ canManage, UnitPicker, UnitName }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { values, cursor, setFilters, setCursor } = useListParams(["q", "role", "active", "sort"] as const);
  const sort = validSort(values.sort, USER_SORTS, "username");
  const role = (ROLES as readonly string[]).includes(values.role) ? (values.role as Role) : undefined;
  const isActive = values.active === "true" ? true : values.active === "false" ? false : undefined;
  const users = useUsers({ q: values.q, role, isActive, sort, cursor });
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

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={values.q}
          key={values.q}
          placeholder={t("users.search")}
          onSearch={(q) => setFilters({ q: q.trim() })}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          placeholder={t("users.role")}
          value={role}
          onChange={(v?: string) => setFilters({ role: v })}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          placeholder={t("users.status")}
          value={values.active || undefined}
          onChange={(v?: string) => setFilters({ active: v })}
          options={[
            { value: "true", label: t("users.active") },
            { value: "false", label: t("users.inactive") },
          ]}
          style={{ width: 160 }}
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("users.create")}
          </Button>
        )}
      </Space>
      {users.isError && <Alert type="error" showIcon message={errorMessage(t, users.error)} style={{ marginBottom: 12 }} />}
      <Table<UserRead>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        dataSource={users.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={users.isError ? t("list.loadFailed") : t("users.empty")} /> }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          setFilters({ sort: sortParam(s?.field, s?.order, USER_SORTS) });
        }}
        columns={[
          { title: t("users.username"), dataIndex: "username", sorter: true, sortOrder: sortOrderOf(sort, "username") },
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
          {
            title: t("list.createdAt"),
            dataIndex: "created_at",
            sorter: true,
            sortOrder: sortOrderOf(sort, "created_at"),
            render: (v: string) => formatDateTime(v),
          },
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
        ]}
      />
      <CursorPager cursor={cursor} nextCursor={users.data?.next_cursor} onChange={setCursor} />
      {canManage && <CreateUserModal open={creating} onClose={() => setCreating(false)} UnitPicker={UnitPicker} />}
    </>
  );
}
