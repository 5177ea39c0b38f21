import type { MemberRead } from "./api/types";

/** A member as the API answers, elected in a village of the commune (tests only). */
export function aMember(overrides: Partial<MemberRead> = {}): MemberRead {
  return {
    id: "m-1",
    term_id: "term-1",
    full_name: "Nông Văn Hùng",
    gender: "male",
    birth_year: 1969,
    ethnicity: "Nùng",
    represented_unit_id: "v2",
    represented_unit: null,
    occupation: "Nông dân",
    contact: null,
    role: "member",
    constituency: null,
    joined_by: "village_meeting_election",
    meeting_on: "2026-03-10",
    votes_for: 80,
    voters: 97,
    joined_on: "2026-03-15",
    left_on: null,
    leaving_reason: null,
    holds_commune_post: false,
    related_to_project_party: false,
    ...overrides,
  } as MemberRead;
}
