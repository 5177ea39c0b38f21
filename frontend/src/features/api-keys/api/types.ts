import type { components } from "../../../api/schema.gen";

export type ApiKeyRead = components["schemas"]["ApiKeyRead"];
export type ApiKeyCreate = components["schemas"]["ApiKeyCreate"];
export type ApiKeyCreated = components["schemas"]["ApiKeyCreated"];
export type ApiKeyPage = components["schemas"]["ApiKeyReadPage"];
export type Permission = components["schemas"]["Permission"];

/** The permissions a key may carry as scopes: every one but the confidential grants, which only named people hold. */
export const PERMISSIONS: readonly Permission[] = [
  "units:read",
  "units:write",
  "users:read",
  "users:manage",
  "api_keys:manage",
  "audit:read",
  "petitions:read",
  "petitions:write",
  "receptions:read",
  "receptions:write",
  "inspections:read",
  "inspections:write",
  "inspections:report",
  "committees:read",
  "committees:write",
  "reports:read",
];
