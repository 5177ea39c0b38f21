import type { ComponentType } from "react";

// Features do not import each other: src/app passes the units' and receptions' widgets in.

/** A unit picker for forms and filters (Form.Item compatible). */
export type UnitPicker = ComponentType<{ id?: string; value?: string | null; onChange?: (value: string | null) => void; placeholder?: string }>;
/** A unit's name by id (null: the whole country). */
export type UnitName = ComponentType<{ unitId: string | null }>;
/** The recent reception sessions of a unit, to pick the one a case was received at. */
export type ReceptionPicker = ComponentType<{
  unitId: string | null;
  value?: string | null;
  onChange?: (value: string | null) => void;
}>;
/** A reception session's day, host and place, by id. */
export type ReceptionLabel = ComponentType<{ receptionId: string }>;
