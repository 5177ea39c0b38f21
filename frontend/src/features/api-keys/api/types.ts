import type { components } from "../../../api/schema.gen";

export type ApiKeyRead = components["schemas"]["ApiKeyRead"];
export type ApiKeyCreate = components["schemas"]["ApiKeyCreate"];
export type ApiKeyCreated = components["schemas"]["ApiKeyCreated"];
export type ApiKeyPage = components["schemas"]["ApiKeyReadPage"];
export type Permission = components["schemas"]["Permission"];

/** Every permission code, as scopes a key may carry. */
export const PERMISSIONS: readonly Permission[] = [
  "units:read",
  "units:write",
  "users:read",
  "users:manage",
  "api_keys:manage",
  "audit:read",
  "petitions:read",
  "petitions:write",
  "petitions:confidential",
  "receptions:read",
  "receptions:write",
  "inspections:read",
  "inspections:write",
  "committees:read",
  "committees:write",
  "reports:read",
];
