import type { PersonIn, PersonRead } from "./api/types";

/*
 * The petitioner rows of the intake and edit forms (Form.List `petitioners`, drawn by
 * components/PetitionerRows.tsx): a row's values, a new row, the rows of the people on record,
 * and the rows as the API takes them.
 */

/** One row as the form holds it. */
export type PersonValues = {
  full_name?: string;
  address?: string;
  identity_number?: string;
  phone?: string;
  is_representative?: boolean;
};

/** A new, empty row. */
export function newPersonRow(): PersonValues {
  return { is_representative: false };
}

/** The rows of the people already recorded, for the edit form. */
export function personRowsOf(people: readonly PersonRead[]): PersonValues[] {
  return people.map((x) => ({
    full_name: x.full_name,
    address: x.address ?? "",
    identity_number: x.identity_number ?? "",
    phone: x.phone ?? "",
    is_representative: x.is_representative,
  }));
}

const trimmed = (v: string | null | undefined): string | null => {
  const s = (v ?? "").trim();
  return s === "" ? null : s;
};

/** Petitioner rows as the API takes them (the form requires a name on each row; a blank row is dropped). */
export function peopleOf(rows: readonly PersonValues[] | undefined): PersonIn[] {
  return (rows ?? []).flatMap((r) => {
    const fullName = trimmed(r.full_name);
    if (!fullName) return [];
    return [
      {
        full_name: fullName,
        address: trimmed(r.address),
        identity_number: trimmed(r.identity_number),
        phone: trimmed(r.phone),
        is_representative: r.is_representative ?? false,
      },
    ];
  });
}

/** Whether the rows, as the API takes them, are exactly the people on record (same order). */
export function samePeople(a: readonly PersonIn[], b: readonly PersonRead[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.full_name === y.full_name &&
        (x.address ?? null) === y.address &&
        (x.identity_number ?? null) === y.identity_number &&
        (x.phone ?? null) === y.phone &&
        x.is_representative === y.is_representative
      );
    })
  );
}
