import type { components } from "../../../api/schema.gen";

type S = components["schemas"];
export type PetitionRead = S["PetitionRead"];
export type PetitionSummary = S["PetitionSummary"];
export type PetitionPage = S["PetitionSummaryPage"];
export type PetitionCreate = S["PetitionCreate"];
export type PetitionUpdate = S["PetitionUpdate"];
export type PersonIn = S["PersonIn"];
export type PersonRead = S["PersonRead"];
export type PetitionKind = S["PetitionKind"];
export type Channel = S["PetitionChannel"];
export type Status = S["PetitionStatus"];
export type Action = S["PetitionAction"];
export type Outcome = S["PetitionOutcome"];
export type Stage = S["DeadlineStage"];
export type DeadlineRead = S["DeadlineRead"];
export type DeadlineState = NonNullable<PetitionSummary["deadline_state"]>;
export type EventRead = S["EventRead"];
export type TransitionRequest = S["TransitionRequest"];
export type WorkflowRead = S["WorkflowRead"];
export type CategoryRead = S["CategoryRead"];
export type LinkKind = S["PetitionLinkKind"];
export type LinkRead = S["LinkRead"];
export type DuplicateSuggestion = S["DuplicateSuggestion"];
export type AttachmentRead = S["AttachmentRead"];
export type DenouncerIdentity = S["DenouncerIdentityRead"];

export const KINDS: readonly PetitionKind[] = ["complaint", "denunciation", "petition", "reflection"];
export const CHANNELS: readonly Channel[] = ["reception", "mail", "online_portal", "one_stop", "forwarded", "other"];
/** In the order a case usually goes through them. */
export const STATUSES: readonly Status[] = [
  "received",
  "forwarded",
  "accepted",
  "not_accepted",
  "verifying",
  "dialogue",
  "decided",
  "effective",
  "appealed",
  "sued",
  "concluded",
  "closed",
  "withdrawn",
  "suspended",
];
export const DEADLINE_STATES: readonly DeadlineState[] = ["on_track", "at_risk", "overdue"];
export const LINK_KINDS: readonly LinkKind[] = ["duplicate", "related"];

/** Sort fields the list offers (the API also knows created_at and reference). */
export const PETITION_SORTS = ["received_on", "due_on"] as const;
export const DEFAULT_PETITION_SORT = "-received_on";

/** Outcomes of a decision or conclusion, per kind (api/petitions/transitions.py OUTCOMES). */
export const OUTCOMES: Record<PetitionKind, readonly Outcome[]> = {
  complaint: ["upheld", "partly_upheld", "rejected"],
  denunciation: ["substantiated", "partly_substantiated", "unsubstantiated"],
  petition: [],
  reflection: [],
};
