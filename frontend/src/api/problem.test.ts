import { describe, expect, it } from "vitest";
import { ApiError, toApiError, unwrap } from "./problem";

const problemResponse = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers: { "Content-Type": "application/problem+json", ...headers } });

describe("toApiError", () => {
  it("keeps the code, detail, request id and field errors of a problem+json body", () => {
    const err = toApiError(
      {
        type: "urn:qcdc:problem:validation_failed",
        title: "Invalid input",
        status: 422,
        detail: "Invalid input",
        code: "validation_failed",
        request_id: "abc",
        errors: [{ in: "body", field: "parent_id", pointer: "#/parent_id", code: "missing", message: "Field required" }],
      },
      problemResponse(422),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe("validation_failed");
    expect(err.status).toBe(422);
    expect(err.requestId).toBe("abc");
    expect(err.fieldErrors.map((f) => f.field)).toEqual(["parent_id"]);
  });

  it("keeps the extension members of a problem", () => {
    const err = toApiError(
      {
        type: "urn:qcdc:problem:invalid_transition",
        title: "Conflict",
        status: 409,
        detail: "'extend' is not allowed",
        code: "invalid_transition",
        allowed_actions: ["start_verification", "withdraw"],
      },
      problemResponse(409),
    );
    expect(err.extensions).toEqual({ allowed_actions: ["start_verification", "withdraw"] });
    expect(toApiError("oops", new Response(null, { status: 500 })).extensions).toEqual({});
  });

  it("takes the HTTP status from the response when the body's status is not a number", () => {
    const err = toApiError(
      // What the API sends today for an invalid transition: the case's state in `status`.
      { type: "t", title: "Conflict", status: "accepted", detail: "no", code: "invalid_transition", allowed_actions: [] },
      problemResponse(409),
    );
    expect(err.status).toBe(409);
    expect(err.extensions).toEqual({ status: "accepted", allowed_actions: [] });
  });

  it("reads Retry-After seconds", () => {
    const err = toApiError(
      { type: "t", title: "Too many", status: 429, detail: "slow down", code: "rate_limited" },
      problemResponse(429, { "Retry-After": "42" }),
    );
    expect(err.retryAfter).toBe(42);
  });

  it("still yields an error for a body that is not problem+json", () => {
    const err = toApiError("<html>Bad gateway</html>", new Response(null, { status: 502 }));
    expect(err.code).toBe("internal_error");
    expect(err.status).toBe(502);
    expect(err.fieldErrors).toEqual([]);
  });
});

describe("unwrap", () => {
  it("returns data on success and throws ApiError otherwise", () => {
    expect(unwrap({ data: 1, response: new Response(null, { status: 200 }) })).toBe(1);
    expect(() =>
      unwrap({
        error: { type: "t", title: "x", status: 404, detail: "gone", code: "not_found" },
        response: problemResponse(404),
      }),
    ).toThrowError(ApiError);
  });
});
