import type { ListAuditParams } from "./list-audit-events";

/** Every query key of the audit feature. */
export const auditKeys = {
  all: ["audit"] as const,
  lists: () => [...auditKeys.all, "list"] as const,
  list: (params: ListAuditParams) => [...auditKeys.lists(), params] as const,
};
