import type { components } from "../../api/schema.gen";

type Permission = components["schemas"]["Permission"];

/** What can be imported, and the permission each asks (the server checks it again, per row). */
export type ImportResource = { key: string; permission: Permission };

export const IMPORT_RESOURCES: readonly ImportResource[] = [
  { key: "units", permission: "units:write" },
  { key: "petitions", permission: "petitions:write" },
  { key: "receptions", permission: "receptions:write" },
  { key: "inspection_plans", permission: "inspections:write" },
  { key: "inspection_teams", permission: "inspections:write" },
  { key: "inspection_targets", permission: "inspections:write" },
  { key: "inspection_recommendations", permission: "inspections:write" },
  { key: "committees", permission: "committees:write" },
  { key: "committee_members", permission: "committees:write" },
];

/** The resources a principal may import. */
export function importable(permissions: readonly Permission[]): ImportResource[] {
  return IMPORT_RESOURCES.filter((r) => permissions.includes(r.permission));
}
