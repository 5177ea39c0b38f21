import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { formFailure } from "../../lib/form-errors";
import type { PlanRead } from "./api/types";
import { buildPlanCreate, buildPlanUpdate, planFieldResolver, planInitialValues } from "./plan-form";

const plan = {
  id: "p-1",
  year: 2026,
  title: "Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở năm 2026",
  kind: "annual",
  issuer: "provincial_steering_committee",
  document_number: "12/KH-BCĐ",
  issued_on: "2026-02-10",
  organising_unit_id: "u-04",
  organising_unit: { id: "u-04", code: "04", name: "Tỉnh Cao Bằng", kind: "province", status: "active" },
  topics: ["publicity_of_information", "people_supervise"],
  notes: null,
  external_ref: null,
  created_at: "2026-02-10T03:00:00Z",
  updated_at: "2026-02-10T03:00:00Z",
} satisfies PlanRead;

const t = (key: string, options?: Record<string, unknown>) => String(options?.defaultValue ?? key);

describe("the plan form", () => {
  it("starts a new plan as an annual one of this year, issued today by the reader's unit", () => {
    const v = planInitialValues(null, "u-04", dayjs("2026-11-26"));
    expect(v).toMatchObject({ year: 2026, kind: "annual", organising_unit_id: "u-04", topics: [] });
    expect(v.issued_on?.format("YYYY-MM-DD")).toBe("2026-11-26");
  });

  it("sends a new plan with its texts trimmed, its date as YYYY-MM-DD and each topic once", () => {
    expect(
      buildPlanCreate({
        year: 2026,
        title: `  ${plan.title} `,
        kind: "thematic",
        issuer: "fatherland_front",
        document_number: " 15/KH-MTTQ ",
        issued_on: dayjs("2026-03-01"),
        organising_unit_id: "u-04",
        topics: ["people_supervise", "people_supervise", "publicity_of_information"],
      }),
    ).toEqual({
      year: 2026,
      title: plan.title,
      kind: "thematic",
      issuer: "fatherland_front",
      document_number: "15/KH-MTTQ",
      issued_on: "2026-03-01",
      organising_unit_id: "u-04",
      topics: ["people_supervise", "publicity_of_information"],
    });
  });

  it("sends only what changed in a correction, and nothing when nothing did", () => {
    const same = planInitialValues(plan, null);
    expect(buildPlanUpdate(plan, same)).toBeNull();
    // The topics in another order are the same topics.
    expect(buildPlanUpdate(plan, { ...same, topics: [...plan.topics].reverse() })).toBeNull();
    expect(
      buildPlanUpdate(plan, { ...same, document_number: "13/KH-BCĐ", issued_on: dayjs("2026-02-11"), topics: ["people_supervise"] }),
    ).toEqual({ document_number: "13/KH-BCĐ", issued_on: "2026-02-11", topics: ["people_supervise"] });
    expect(buildPlanUpdate(plan, { ...same, organising_unit_id: "u-01273", year: 2027 })).toEqual({
      organising_unit_id: "u-01273",
      year: 2027,
    });
  });

  it("puts the server's field errors on its fields; an unknown field joins the general message", () => {
    const err = new ApiError({
      status: 422,
      code: "validation_failed",
      detail: "Invalid",
      fieldErrors: [
        { in: "body", field: "body.issued_on", code: "date_in_future", message: "A plan is recorded once it is issued." },
        { in: "body", field: "topics.1", code: "unknown_topic", message: "Unknown topic" },
        { in: "body", field: "organising_unit_id", code: "unit_not_found", message: "No such unit" },
        { in: "body", field: "external_ref.id", code: "too_long", message: "Too long" },
      ],
    });
    const { fields, general } = formFailure(err, planFieldResolver, t, "problem");
    expect(fields).toEqual([
      { name: "issued_on", errors: ["A plan is recorded once it is issued."] },
      { name: "topics", errors: ["Unknown topic"] },
      { name: "organising_unit_id", errors: ["No such unit"] },
    ]);
    expect(general).toBe("external_ref.id: Too long");
  });

  it("shows a problem without field errors (a 412, a 403) as the general message", () => {
    const err = new ApiError({ status: 412, code: "precondition_failed", detail: "Stale" });
    expect(formFailure(err, planFieldResolver, t, "translated")).toEqual({ fields: [], general: "translated" });
  });
});
