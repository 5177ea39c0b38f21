import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { PetitionRead } from "./api/types";
import { buildCreate, buildUpdate, editValuesOf, petitionFieldResolver, type CreateValues } from "./petition-form";

const base: CreateValues = {
  kind: "complaint",
  channel: "reception",
  received_on: dayjs("2026-11-23"),
  receiving_unit_id: "u-1",
  subject: "  Khiếu nại quyết định thu hồi đất ",
  content: "Ông An khiếu nại Quyết định số 12/QĐ-UBND.",
  category: "land",
  within_authority: "unknown",
  head_count: 1,
  petitioners: [
    { full_name: " Nguyễn Văn An ", address: "Tổ 5", identity_number: "", phone: " 0912345678 ", is_representative: true },
    { full_name: "   " },
  ],
  reception_id: "r-1",
  contested_decision_known_on: dayjs("2026-10-01"),
};

describe("the intake request", () => {
  it("builds a complaint with its petitioners, session and contested decision date", () => {
    expect(buildCreate(base)).toEqual({
      kind: "complaint",
      channel: "reception",
      received_on: "2026-11-23",
      receiving_unit_id: "u-1",
      subject: "Khiếu nại quyết định thu hồi đất",
      content: "Ông An khiếu nại Quyết định số 12/QĐ-UBND.",
      category: "land",
      complex: false,
      within_authority: null,
      head_count: 1,
      petitioners: [
        { full_name: "Nguyễn Văn An", address: "Tổ 5", identity_number: null, phone: "0912345678", is_representative: true },
      ],
      reception_id: "r-1",
      contested_decision_known_on: "2026-10-01",
    });
  });

  it("sends the contested decision date for complaints only, and maps the authority answer", () => {
    const d = buildCreate({ ...base, kind: "denunciation", within_authority: "yes", reception_id: null });
    expect(d.contested_decision_known_on).toBeNull();
    expect(d.within_authority).toBe(true);
    expect(d.reception_id).toBeNull();
    expect(buildCreate({ ...base, within_authority: "no" }).within_authority).toBe(false);
  });

  it("sends an anonymous denunciation with no denouncer", () => {
    expect(buildCreate({ ...base, kind: "denunciation", petitioners: [] }).petitioners).toEqual([]);
  });

  it("puts the server's field errors on the field or the petitioner row they name", () => {
    const fe = { in: "body", field: "", code: "x", message: "" };
    expect(petitionFieldResolver(["petitioners", "1", "full_name"], fe)).toEqual(["petitioners", 1, "full_name"]);
    expect(petitionFieldResolver(["category"], fe)).toBe("category");
    expect(petitionFieldResolver(["petitioners"], fe)).toBeUndefined();
    expect(petitionFieldResolver(["external_ref", "id"], fe)).toBeUndefined();
  });
});

const petition = {
  id: "p-1",
  kind: "complaint",
  subject: "Khiếu nại",
  content: "Nội dung",
  category: "land",
  complex: false,
  remote_area: false,
  within_authority: null,
  head_count: 1,
  reception_id: null,
  petitioners: [{ full_name: "Nguyễn Văn An", address: null, identity_number: "004090001234", phone: null, email: null, is_representative: false }],
} as unknown as PetitionRead;

describe("the record's correction", () => {
  it("sends nothing when nothing changed", () => {
    expect(buildUpdate(petition, editValuesOf(petition))).toEqual({});
  });

  it("sends only the changed fields", () => {
    const v = { ...editValuesOf(petition), complex: true, subject: " Khiếu nại (bổ sung) ", within_authority: "yes" as const };
    expect(buildUpdate(petition, v)).toEqual({ complex: true, subject: "Khiếu nại (bổ sung)", within_authority: true });
  });

  it("replaces the petitioners when one of them changed", () => {
    const v = editValuesOf(petition);
    v.petitioners = [{ ...v.petitioners![0], phone: "0912345678" }];
    expect(buildUpdate(petition, v).petitioners).toEqual([
      { full_name: "Nguyễn Văn An", address: null, identity_number: "004090001234", phone: "0912345678", is_representative: false },
    ]);
  });

  it("never sends a denunciation's people, which are not in the record", () => {
    const denunciation = { ...petition, kind: "denunciation", petitioners: [] } as unknown as PetitionRead;
    const v = { ...editValuesOf(denunciation), petitioners: [{ full_name: "Someone" }] };
    expect(buildUpdate(denunciation, v)).toEqual({});
  });

  it("links the case to another session, or unlinks it", () => {
    expect(buildUpdate(petition, { ...editValuesOf(petition), reception_id: "r-2" })).toEqual({ reception_id: "r-2" });
    const linked = { ...petition, reception_id: "r-2" } as PetitionRead;
    expect(buildUpdate(linked, { ...editValuesOf(linked), reception_id: null })).toEqual({ reception_id: null });
  });
});
