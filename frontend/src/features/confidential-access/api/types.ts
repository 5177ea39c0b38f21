import type { components, paths } from "../../../api/schema.gen";

export type Holder = components["schemas"]["UserRead"];
export type HolderPage = components["schemas"]["UserReadPage"];
export type AuditEvent = components["schemas"]["AuditEventRead"];

/** The permissions held only by named people, each by an explicit, audited grant. */
export type ConfidentialPermission = NonNullable<
  NonNullable<paths["/api/v1/users/confidential-holders"]["get"]["parameters"]["query"]>["permission"]
>;

/**
 * Reading denouncers' identities (Law on Denunciations 2018, Art. 9 and 56), and handing that right
 * out; the first is the API's default list.
 */
export const CONFIDENTIAL_PERMISSIONS: readonly ConfidentialPermission[] = ["petitions:confidential", "users:grant_confidential"];
