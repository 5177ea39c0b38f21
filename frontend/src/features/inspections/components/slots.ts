import type { ComponentType } from "react";

// Features do not import each other: src/app passes the units' widgets in.

/** A unit picker for filters (Form.Item compatible). */
export type UnitPicker = ComponentType<{ id?: string; value?: string | null; onChange?: (value: string | null) => void; placeholder?: string }>;
