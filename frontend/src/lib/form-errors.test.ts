import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { problemToFormErrors } from "./form-errors";

const problem = (fieldErrors: ApiError["fieldErrors"], detail = "Invalid input") =>
  new ApiError({ status: 422, code: "validation_failed", detail, fieldErrors });

describe("problemToFormErrors", () => {
  const FIELDS = ["username", "password", "roles", "unit_id"] as const;

  it("puts each body field error on its form field, grouped", () => {
    const { fields, general } = problemToFormErrors(
      problem([
        { in: "body", field: "password", code: "string_too_short", message: "too short" },
        { in: "body", field: "password", code: "weak", message: "too weak" },
        { in: "body", field: "username", code: "conflict", message: "taken" },
      ]),
      FIELDS,
    );
    expect(fields).toEqual([
      { name: "password", errors: ["too short", "too weak"] },
      { name: "username", errors: ["taken"] },
    ]);
    expect(general).toBeNull();
  });

  it("maps nested and body-prefixed names to their top-level field", () => {
    const { fields } = problemToFormErrors(
      problem([
        { in: "body", field: "roles.1", code: "enum", message: "bad role" },
        { in: "body", field: "body.unit_id", code: "missing", message: "required" },
      ]),
      FIELDS,
    );
    expect(fields.map((f) => f.name)).toEqual(["roles", "unit_id"]);
  });

  it("reports fields the form does not have, and non-body errors, in the general message", () => {
    const { fields, general } = problemToFormErrors(
      problem([
        { in: "body", field: "password", code: "short", message: "too short" },
        { in: "body", field: "grants", code: "forbidden", message: "not allowed" },
        { in: "header", field: "If-Match", code: "missing", message: "required" },
      ]),
      FIELDS,
    );
    expect(fields).toEqual([{ name: "password", errors: ["too short"] }]);
    expect(general).toBe("grants: not allowed; If-Match: required");
  });

  it("falls back to detail when there are no field errors", () => {
    expect(problemToFormErrors(problem([], "Username already exists"), FIELDS)).toEqual({
      fields: [],
      general: "Username already exists",
    });
  });

  it("lets the caller translate messages by code", () => {
    const { fields } = problemToFormErrors(
      problem([{ in: "body", field: "password", code: "string_too_short", message: "too short" }]),
      FIELDS,
      (fe) => (fe.code === "string_too_short" ? "quá ngắn" : fe.message),
    );
    expect(fields[0]?.errors).toEqual(["quá ngắn"]);
  });

  it("takes a resolver for nested fields, and shows an error without a field by its message alone", () => {
    const { fields, general } = problemToFormErrors(
      problem([
        { in: "body", field: "successors.1.new.code", code: "duplicate_code", message: "taken" },
        { in: "body", field: "", code: "invalid_reorganization", message: "does not fit" },
      ]),
      (path) => (path[0] === "successors" ? ["successors", Number(path[1]), path[3] ?? ""] : undefined),
    );
    expect(fields).toEqual([{ name: ["successors", 1, "code"], errors: ["taken"] }]);
    expect(general).toBe("does not fit");
  });

  it("ignores errors that are not API errors", () => {
    expect(problemToFormErrors(new TypeError("offline"), FIELDS)).toEqual({ fields: [], general: null });
  });
});
