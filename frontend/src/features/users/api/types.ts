import type { components } from "../../../api/schema.gen";

export type UserRead = components["schemas"]["UserRead"];
export type UserCreate = components["schemas"]["UserCreate"];
export type UserUpdate = components["schemas"]["UserUpdate"];
export type UserPage = components["schemas"]["UserReadPage"];
export type Role = components["schemas"]["Role"];

/** The fixed role codes, in order of reach. */
export const ROLES: readonly Role[] = ["admin", "steering_committee", "officer", "committee_member", "viewer"];
