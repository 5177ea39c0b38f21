import type { ComponentType } from "react";
import type { ConfidentialPermission } from "../api/types";

/** A person picker as src/app passes it in (Form.Item compatible); holders of `withoutGrant` cannot be picked. */
export type UserPickerSlot = ComponentType<{
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  withoutGrant?: ConfidentialPermission;
}>;

/** A unit's name by id (null: the whole country), from the units feature. */
export type UnitNameSlot = ComponentType<{ unitId: string | null }>;
