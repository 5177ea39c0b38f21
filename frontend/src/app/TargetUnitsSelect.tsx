import { UnitSearchSelect } from "../features/units/components/UnitSearchSelect";
import type { UnitSummary } from "../features/units/api/types";
import type { UnitsWithinPicker } from "../features/inspections/components/slots";

/** The units feature's search select, as the inspections' picker of several units inside one subtree. */
export const TargetUnitsSelect: UnitsWithinPicker = ({ id, value, onChange, withinUnitId, known, disabled, placeholder }) => (
  <UnitSearchSelect
    id={id}
    multiple
    value={value ?? []}
    onChange={(v) => onChange?.(Array.isArray(v) ? v : v ? [v] : [])}
    withinUnitId={withinUnitId}
    known={known as readonly UnitSummary[] | undefined}
    disabled={disabled}
    placeholder={placeholder}
  />
);
