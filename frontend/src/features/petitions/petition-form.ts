import type { Dayjs } from "dayjs";
import type { FieldName, FieldResolver } from "../../lib/form-errors";
import type { Channel, PetitionCreate, PetitionKind, PetitionRead, PetitionUpdate } from "./api/types";
import { peopleOf, personRowsOf, samePeople, type PersonValues } from "./petitioner-rows";

/** Whether the case lies within the handler's authority: not yet known, yes or no. */
export type Authority = "unknown" | "yes" | "no";

export type CreateValues = {
  kind: PetitionKind;
  channel: Channel;
  received_on: Dayjs;
  receiving_unit_id: string;
  subject: string;
  content: string;
  category: string;
  complex?: boolean;
  within_authority?: Authority;
  head_count?: number | null;
  petitioners?: PersonValues[];
  reception_id?: string | null;
  contested_decision_known_on?: Dayjs | null;
};

export type EditValues = {
  reception_id?: string | null;
  subject: string;
  content: string;
  category: string;
  complex?: boolean;
  remote_area?: boolean;
  within_authority?: Authority;
  head_count?: number | null;
  petitioners?: PersonValues[];
};

export function authorityOf(v: boolean | null): Authority {
  return v === null ? "unknown" : v ? "yes" : "no";
}

function authorityValue(v: Authority | undefined): boolean | null {
  return v === "yes" ? true : v === "no" ? false : null;
}

/** The body of `POST /petitions`. The contested decision's date belongs to complaints only. */
export function buildCreate(v: CreateValues): PetitionCreate {
  return {
    kind: v.kind,
    channel: v.channel,
    received_on: v.received_on.format("YYYY-MM-DD"),
    receiving_unit_id: v.receiving_unit_id,
    subject: v.subject.trim(),
    content: v.content.trim(),
    category: v.category,
    complex: v.complex ?? false,
    within_authority: authorityValue(v.within_authority),
    head_count: v.head_count && v.head_count > 0 ? v.head_count : 1,
    petitioners: peopleOf(v.petitioners),
    reception_id: v.reception_id || null,
    contested_decision_known_on:
      v.kind === "complaint" && v.contested_decision_known_on ? v.contested_decision_known_on.format("YYYY-MM-DD") : null,
  };
}

/** The edit form's starting values from the case as read. */
export function editValuesOf(p: PetitionRead): EditValues {
  return {
    reception_id: p.reception_id,
    subject: p.subject,
    content: p.content,
    category: p.category,
    complex: p.complex,
    remote_area: p.remote_area,
    within_authority: authorityOf(p.within_authority),
    head_count: p.head_count,
    petitioners: personRowsOf(p.petitioners),
  };
}

/**
 * The body of `PATCH /petitions/{id}`: only what changed, so a correction does not rewrite the rest
 * (changing `complex` or `remote_area` recounts the running limits). A denunciation's denouncers
 * are never sent: they are not in the record.
 */
export function buildUpdate(p: PetitionRead, v: EditValues): PetitionUpdate {
  const body: PetitionUpdate = {};
  const subject = v.subject.trim();
  const content = v.content.trim();
  if (subject !== p.subject) body.subject = subject;
  if (content !== p.content) body.content = content;
  if (v.category !== p.category) body.category = v.category;
  if ((v.complex ?? false) !== p.complex) body.complex = v.complex ?? false;
  if ((v.remote_area ?? false) !== p.remote_area) body.remote_area = v.remote_area ?? false;
  const authority = authorityValue(v.within_authority);
  if (authority !== p.within_authority) body.within_authority = authority;
  const headCount = v.head_count && v.head_count > 0 ? v.head_count : 1;
  if (headCount !== p.head_count) body.head_count = headCount;
  if (v.reception_id !== undefined && (v.reception_id || null) !== p.reception_id) body.reception_id = v.reception_id || null;
  if (p.kind !== "denunciation") {
    const people = peopleOf(v.petitioners);
    if (!samePeople(people, p.petitioners)) body.petitioners = people;
  }
  return body;
}

const TOP_LEVEL = [
  "kind",
  "channel",
  "received_on",
  "receiving_unit_id",
  "subject",
  "content",
  "category",
  "complex",
  "remote_area",
  "within_authority",
  "head_count",
  "reception_id",
  "contested_decision_known_on",
] as const;

/** Server field errors (`petitioners.1.full_name`, `category`…) onto the create and edit forms' fields. */
export const petitionFieldResolver: FieldResolver<FieldName> = (path) => {
  const [head, index, field] = path;
  // The form asks a name on every row, so the server's indexes are the form's rows.
  if (head === "petitioners") {
    return index !== undefined && /^\d+$/.test(index) && field ? ["petitioners", Number(index), field] : undefined;
  }
  return (TOP_LEVEL as readonly (string | undefined)[]).includes(head) ? head : undefined;
};
