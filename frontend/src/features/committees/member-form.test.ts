import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { buildLeave, buildMemberCreate, buildMemberUpdate, memberValuesOf } from "./member-form";
import { aMember } from "./test-fixtures";

describe("the add-member form's body", () => {
  it("sends the person, the village, the election and the declaration, empty texts as null", () => {
    const body = buildMemberCreate("term-1", {
      full_name: "  Hoàng Thị Lan ",
      gender: "female",
      birth_year: 1978,
      ethnicity: "Tày",
      represented_unit_id: "v1",
      occupation: " ",
      contact: "0912 345 678",
      role: "head",
      joined_by: "village_meeting_election",
      meeting_on: dayjs("2026-03-10"),
      votes_for: 86,
      voters: 102,
      joined_on: dayjs("2026-03-15"),
      holds_commune_post: true,
    });
    expect(body).toEqual({
      term_id: "term-1",
      full_name: "Hoàng Thị Lan",
      gender: "female",
      birth_year: 1978,
      ethnicity: "Tày",
      represented_unit_id: "v1",
      occupation: null,
      contact: "0912 345 678",
      role: "head",
      constituency: null,
      joined_by: "village_meeting_election",
      meeting_on: "2026-03-10",
      votes_for: 86,
      voters: 102,
      joined_on: "2026-03-15",
      holds_commune_post: true,
      related_to_project_party: false,
    });
  });

  it("drops the meeting of an appointment", () => {
    const body = buildMemberCreate("t", {
      full_name: "A",
      role: "member",
      joined_by: "appointment",
      meeting_on: dayjs("2026-03-10"),
      votes_for: 3,
      joined_on: dayjs("2026-03-15"),
    });
    expect(body).toMatchObject({ meeting_on: null, votes_for: null, voters: null, holds_commune_post: false });
  });

  it("sends a leave's day and reason", () => {
    expect(buildLeave({ left_on: dayjs("2026-06-01"), leaving_reason: "moved" })).toEqual({ left_on: "2026-06-01", leaving_reason: "moved" });
  });
});

const recorded = aMember();

describe("a member's correction", () => {
  it("sends nothing when nothing changed, an empty contact that was null included", () => {
    expect(buildMemberUpdate(recorded, memberValuesOf(recorded))).toEqual({});
    expect(buildMemberUpdate(recorded, { ...memberValuesOf(recorded), contact: "  " })).toEqual({});
  });

  it("sends only the fields changed, trimmed", () => {
    const v = { ...memberValuesOf(recorded), occupation: " Giáo viên ", birth_year: 1970, role: "deputy_head" as const };
    expect(buildMemberUpdate(recorded, v)).toEqual({ occupation: "Giáo viên", birth_year: 1970, role: "deputy_head" });
  });

  it("clears what the user emptied: a contact that was there, an ethnicity, a village", () => {
    const withContact = { ...recorded, contact: "0912 345 678" };
    const v = { ...memberValuesOf(withContact), contact: "", ethnicity: undefined, represented_unit_id: undefined };
    expect(buildMemberUpdate(withContact, v)).toEqual({ contact: null, ethnicity: null, represented_unit_id: null });
  });

  it("drops the meeting and the votes when an election becomes an appointment", () => {
    const v = { ...memberValuesOf(recorded), joined_by: "appointment" as const };
    expect(buildMemberUpdate(recorded, v)).toEqual({ joined_by: "appointment", meeting_on: null, votes_for: null, voters: null });
  });

  it("compares the days as days", () => {
    const v = { ...memberValuesOf(recorded), joined_on: dayjs("2026-03-16") };
    expect(buildMemberUpdate(recorded, v)).toEqual({ joined_on: "2026-03-16" });
  });

  it("corrects the leave of a member who left only when the form shows it", () => {
    const left = { ...recorded, left_on: "2026-06-01", leaving_reason: "moved" as const };
    const v = { ...memberValuesOf(left), left_on: dayjs("2026-06-02"), leaving_reason: "resignation" as const };
    expect(buildMemberUpdate(left, v, true)).toEqual({ left_on: "2026-06-02", leaving_reason: "resignation" });
    expect(buildMemberUpdate(left, v)).toEqual({});
  });
});
