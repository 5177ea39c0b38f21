import type { ComponentType } from "react";

// Features do not import each other: src/app passes the units' widgets in.

/** A unit picker (Form.Item compatible); `known` names the chosen unit before its branch loads. */
export type UnitPicker = ComponentType<{
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  known?: { id: string; name: string; code: string } | null;
}>;

/** The reader's own unit, offered first as a new project's location. */
export type OwnUnit = { id: string; name: string; code: string } | null;
