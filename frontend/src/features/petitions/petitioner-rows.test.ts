import { describe, expect, it } from "vitest";
import type { PersonRead } from "./api/types";
import { newPersonRow, peopleOf, personRowsOf, samePeople } from "./petitioner-rows";

const recorded: PersonRead[] = [
  { full_name: "Nguyễn Văn An", address: "Tổ 5", identity_number: null, phone: "0912345678", email: null, is_representative: true },
  { full_name: "Trần Thị Bình", address: null, identity_number: null, phone: null, email: null, is_representative: false },
];

describe("petitioner rows", () => {
  it("start a new row as not the representative", () => {
    expect(newPersonRow()).toEqual({ is_representative: false });
  });

  it("show the people on record as rows, blanks for what is missing", () => {
    expect(personRowsOf(recorded)).toEqual([
      { full_name: "Nguyễn Văn An", address: "Tổ 5", identity_number: "", phone: "0912345678", is_representative: true },
      { full_name: "Trần Thị Bình", address: "", identity_number: "", phone: "", is_representative: false },
    ]);
  });

  it("read back unchanged as the same people", () => {
    expect(samePeople(peopleOf(personRowsOf(recorded)), recorded)).toBe(true);
  });

  it("trim what was typed, send blanks as null and drop a row without a name", () => {
    const rows = [{ full_name: "  Lê Văn Cường ", phone: " ", address: " Tổ 9 " }, { full_name: "  " }, newPersonRow()];
    expect(peopleOf(rows)).toEqual([
      { full_name: "Lê Văn Cường", address: "Tổ 9", identity_number: null, phone: null, is_representative: false },
    ]);
  });

  it("tell a changed, added, removed or reordered person apart", () => {
    const rows = personRowsOf(recorded);
    expect(samePeople(peopleOf([{ ...rows[0]!, phone: "0900000000" }, rows[1]!]), recorded)).toBe(false);
    expect(samePeople(peopleOf([...rows, { full_name: "Lê Văn Cường" }]), recorded)).toBe(false);
    expect(samePeople(peopleOf(rows.slice(1)), recorded)).toBe(false);
    expect(samePeople(peopleOf([rows[1]!, rows[0]!]), recorded)).toBe(false);
  });
});
