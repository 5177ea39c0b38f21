import type { UnitKind } from "./api/types";

/*
 * Which kind of unit may sit under which, as api/units/rules.py says (docs/units.md). The server
 * decides; the forms use this copy only to offer the kinds that can be accepted.
 */
const COMMUNE_LEVEL: readonly UnitKind[] = ["commune", "ward", "town", "special_zone"];
const VILLAGE_LEVEL: readonly UnitKind[] = ["village", "residential_group"];
const ORGANIZATIONS: readonly UnitKind[] = ["agency", "public_service_unit", "enterprise", "party_body", "front_body", "other"];

// null: any parent, or none at all; []: a root only.
const ALLOWED_PARENTS: Record<UnitKind, readonly UnitKind[] | null> = {
  province: [],
  district: ["province"],
  commune: ["province", "district"],
  ward: ["province", "district"],
  town: ["province", "district"],
  special_zone: ["province", "district"],
  village: COMMUNE_LEVEL,
  residential_group: COMMUNE_LEVEL,
  agency: null,
  public_service_unit: null,
  enterprise: null,
  party_body: null,
  front_body: null,
  other: null,
};

/** Every kind, administrative levels first. */
export const UNIT_KINDS = Object.keys(ALLOWED_PARENTS) as UnitKind[];

export function parentAllowed(kind: UnitKind, parentKind: UnitKind | null): boolean {
  const allowed = ALLOWED_PARENTS[kind];
  if (allowed === null) return true;
  if (parentKind === null) return allowed.length === 0;
  return allowed.includes(parentKind);
}

/** The kinds a new child of `parentKind` (null: a top-level unit) may have. */
export function kindsUnder(parentKind: UnitKind | null): UnitKind[] {
  return UNIT_KINDS.filter((k) => parentAllowed(k, parentKind));
}

/** Kinds sharing one code space: a commune may become a ward, never a village. */
export function codeFamily(kind: UnitKind): string {
  if (COMMUNE_LEVEL.includes(kind)) return "commune";
  if (VILLAGE_LEVEL.includes(kind)) return "village";
  if (ORGANIZATIONS.includes(kind)) return "organization";
  return kind;
}

/** The kinds a unit of `kind` can become in place, or its successors be, at the same level. */
export function sameLevelKinds(kind: UnitKind): UnitKind[] {
  return UNIT_KINDS.filter((k) => codeFamily(k) === codeFamily(kind));
}
