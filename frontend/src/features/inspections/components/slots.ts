import type { ComponentType } from "react";

// Features do not import each other: src/app passes the units' widgets in.

/** A unit picker for filters (Form.Item compatible); `known` names the chosen unit before its branch loads. */
export type UnitPicker = ComponentType<{
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  known?: { id: string; name: string; code: string } | null;
}>;

/** A unit of the API's summary shape, to show the names of units already chosen. */
export type KnownUnit = { id: string; code: string; name: string; kind: string; status: string };

/**
 * Several units picked by name or code among one unit and the units below it (Form.Item
 * compatible): a team's target units inside its organiser's subtree.
 */
export type UnitsWithinPicker = ComponentType<{
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  withinUnitId: string | null;
  known?: readonly KnownUnit[];
  disabled?: boolean;
  placeholder?: string;
}>;
