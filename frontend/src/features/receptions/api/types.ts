import type { components } from "../../../api/schema.gen";

type S = components["schemas"];
export type ReceptionRead = S["ReceptionRead"];
export type ReceptionCreate = S["ReceptionCreate"];
export type ReceptionUpdate = S["ReceptionUpdate"];
export type ReceptionPage = S["ReceptionReadPage"];
export type HostRole = S["HostRole"];
export type ReceptionKind = S["ReceptionKind"];
export type ReceptionMode = S["ReceptionMode"];
export type ComplianceReport = S["ComplianceReport"];
export type ComplianceRow = S["ComplianceRow"];
export type ComplianceTotal = S["ComplianceTotal"];
export type Level = S["ReceptionLevel"];

export const HOST_ROLES: readonly HostRole[] = ["party_secretary", "pc_chairman", "pc_vice_chairman", "officer", "other"];
export const RECEPTION_KINDS: readonly ReceptionKind[] = ["regular", "ad_hoc", "dialogue_citizens", "dialogue_businesses"];
export const RECEPTION_MODES: readonly ReceptionMode[] = ["in_person", "online"];
export const RECEPTION_SORTS = ["held_on", "created_at"] as const;
