import dayjs, { type Dayjs } from "dayjs";
import type { Constituency, Gender, JoinedBy, LeavingReason, MemberCreate, MemberRead, MemberRole, MemberUpdate } from "./api/types";

/** The member form's values as antd holds them (the leave only when correcting a member who left). */
export type MemberFormValues = {
  full_name: string;
  gender?: Gender | null;
  birth_year?: number | null;
  ethnicity?: string;
  represented_unit_id?: string | null;
  occupation?: string;
  contact?: string;
  role: MemberRole;
  constituency?: Constituency | null;
  joined_by: JoinedBy;
  meeting_on?: Dayjs | null;
  votes_for?: number | null;
  voters?: number | null;
  joined_on: Dayjs;
  holds_commune_post?: boolean;
  related_to_project_party?: boolean;
  left_on?: Dayjs | null;
  leaving_reason?: LeavingReason | null;
};

const text = (v: string | undefined): string | null => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};
const day = (d: Dayjs | null | undefined): string | null => (d ? d.format("YYYY-MM-DD") : null);

/** The API's body for a new member of `termId`: empty texts left out, the meeting only for an election. */
export function buildMemberCreate(termId: string, v: MemberFormValues): MemberCreate {
  const elected = v.joined_by !== "appointment";
  return {
    term_id: termId,
    full_name: v.full_name.trim(),
    gender: v.gender ?? null,
    birth_year: v.birth_year ?? null,
    ethnicity: text(v.ethnicity),
    represented_unit_id: v.represented_unit_id ?? null,
    occupation: text(v.occupation),
    contact: text(v.contact),
    role: v.role,
    constituency: v.constituency ?? null,
    joined_by: v.joined_by,
    meeting_on: elected ? day(v.meeting_on) : null,
    votes_for: elected ? (v.votes_for ?? null) : null,
    voters: elected ? (v.voters ?? null) : null,
    joined_on: day(v.joined_on) ?? "",
    holds_commune_post: v.holds_commune_post ?? false,
    related_to_project_party: v.related_to_project_party ?? false,
  };
}

/** The member's leave: the first day no longer on the committee (exclusive) and why. */
export function buildLeave(v: { left_on: Dayjs; leaving_reason: LeavingReason }): MemberUpdate {
  return { left_on: day(v.left_on), leaving_reason: v.leaving_reason };
}

/**
 * The correction form's starting values: the member as recorded, every key present (an empty one
 * undefined), so that writing them into the form after a reload also empties what is now empty.
 */
export function memberValuesOf(m: MemberRead): MemberFormValues {
  const optional = <T>(v: T | null): T | undefined => v ?? undefined;
  return {
    full_name: m.full_name,
    gender: optional(m.gender),
    birth_year: optional(m.birth_year),
    ethnicity: optional(m.ethnicity),
    represented_unit_id: optional(m.represented_unit_id),
    occupation: optional(m.occupation),
    // Null also reaches a reader who may not see contacts: shown empty, it is never sent as cleared
    // unless typed into (buildMemberUpdate compares with the null it came as).
    contact: optional(m.contact),
    role: m.role,
    constituency: optional(m.constituency),
    joined_by: m.joined_by,
    meeting_on: m.meeting_on ? dayjs(m.meeting_on) : undefined,
    votes_for: optional(m.votes_for),
    voters: optional(m.voters),
    joined_on: dayjs(m.joined_on),
    holds_commune_post: m.holds_commune_post,
    related_to_project_party: m.related_to_project_party,
    left_on: m.left_on ? dayjs(m.left_on) : undefined,
    leaving_reason: optional(m.leaving_reason),
  };
}

/**
 * The body of `committees-members-update`: only what the user changed, compared with the member as
 * read (texts trimmed, empties as null). An omitted field stays as it is, so an empty contact field
 * where the member had none sends nothing; emptying a contact that was there sends null (cleared).
 * The leave is compared only with `withLeave` (the form shows it for a member who left).
 */
export function buildMemberUpdate(m: MemberRead, v: MemberFormValues, withLeave = false): MemberUpdate {
  const next = buildMemberCreate(m.term_id, v);
  const body: Record<string, unknown> = {};
  for (const key of MEMBER_FIELDS) {
    if (next[key] !== m[key]) body[key] = next[key];
  }
  if (withLeave) {
    const left = day(v.left_on);
    const reason = v.leaving_reason ?? null;
    if (left !== m.left_on) body.left_on = left;
    if (reason !== m.leaving_reason) body.leaving_reason = reason;
  }
  return body as MemberUpdate;
}

/** The fields of the member forms, as the API names them: those a server error may point at, those a correction compares. */
export const MEMBER_FIELDS = [
  "full_name",
  "gender",
  "birth_year",
  "ethnicity",
  "represented_unit_id",
  "occupation",
  "contact",
  "role",
  "constituency",
  "joined_by",
  "meeting_on",
  "votes_for",
  "voters",
  "joined_on",
  "holds_commune_post",
  "related_to_project_party",
] as const satisfies readonly (keyof MemberCreate & keyof MemberRead)[];

/** The correction form's fields: the add form's, and the leave for a member who left. */
export const MEMBER_FIELDS_WITH_LEAVE = [...MEMBER_FIELDS, "left_on", "leaving_reason"] as const;
