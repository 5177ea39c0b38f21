import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/client";
import { problemToFormErrors } from "../../../lib/form-errors";
import type { UnitRead } from "../api/types";
import { unitCreatePayload, unitFieldResolver, unitFormValues, unitUpdatePayload } from "./unit-form";

const ward: UnitRead = {
  id: "802780d8-5ea6-4a6c-a1a0-9d86821a63d2",
  code: "01273",
  name: "Phường Thục Phán",
  kind: "ward",
  status: "active",
  code_system: "decision_19_2025",
  electronic_id: null,
  parent_id: "2f2543f4-49d1-48bb-8d41-745083deea96",
  depth: 1,
  valid_from: "2025-07-01",
  valid_to: null,
  remote_area: false,
  latitude: 22.6777,
  longitude: 106.189,
  external_ref: null,
  created_at: "2025-07-01T00:00:00Z",
  updated_at: "2025-07-01T00:00:00Z",
};

describe("unit create payload", () => {
  it("trims text, formats the day as YYYY-MM-DD and sends empty optionals as null", () => {
    expect(
      unitCreatePayload(
        { code: " TDP05 ", name: " Tổ dân phố 5 ", kind: "residential_group", electronic_id: "  ", valid_from: dayjs("2026-01-15") },
        ward.id,
      ),
    ).toEqual({
      code: "TDP05",
      name: "Tổ dân phố 5",
      kind: "residential_group",
      parent_id: ward.id,
      code_system: null,
      electronic_id: null,
      valid_from: "2026-01-15",
      remote_area: false,
      latitude: null,
      longitude: null,
    });
  });
});

describe("unit update payload", () => {
  it("is empty when nothing changed", () => {
    expect(unitUpdatePayload(ward, unitFormValues(ward))).toEqual({});
  });

  it("sends only the changed fields, cleared ones as null", () => {
    const values = { ...unitFormValues(ward), name: "Phường Thục Phán mới ", latitude: null, valid_from: dayjs("2025-07-02") };
    expect(unitUpdatePayload(ward, values)).toEqual({ name: "Phường Thục Phán mới", latitude: null, valid_from: "2025-07-02" });
  });
});

describe("unit form field errors", () => {
  it("puts the server's errors on the form's fields, a refused parent on the kind", () => {
    const error = new ApiError({
      status: 422,
      code: "validation_failed",
      detail: "2 field(s) are not valid",
      fieldErrors: [
        { in: "body", field: "code", code: "string_pattern_mismatch", message: "bad pattern" },
        { in: "body", field: "parent_id", code: "invalid_parent_kind", message: "A village cannot sit under province" },
        { in: "body", field: "external_ref.source", code: "missing", message: "required" },
      ],
    });
    const { fields, general } = problemToFormErrors(error, unitFieldResolver);
    expect(fields).toEqual([
      { name: "code", errors: ["bad pattern"] },
      { name: "kind", errors: ["A village cannot sit under province"] },
    ]);
    expect(general).toBe("external_ref.source: required");
  });
});
