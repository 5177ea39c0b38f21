import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { actionFields, buildTransition, transitionFieldResolver } from "./action-form";
import type { WorkflowRead } from "./api/types";

// The shape GET /petitions/workflows answers (api/petitions/workflows.py), trimmed to what the tests use.
const WORKFLOWS: WorkflowRead[] = [
  {
    kind: "complaint",
    initial: "received",
    terminal: ["not_accepted", "effective", "sued", "closed", "withdrawn"],
    states: {
      received: [
        { action: "accept", to: "accepted", requires: [] },
        { action: "not_accept", to: "not_accepted", requires: ["reason"] },
        { action: "forward", to: "forwarded", requires: ["target_unit_id"] },
        { action: "withdraw", to: "withdrawn", requires: [] },
      ],
      verifying: [
        { action: "hold_dialogue", to: "dialogue", requires: [] },
        { action: "decide", to: "decided", requires: ["outcome", "decision_number"] },
        { action: "withdraw_partly", to: null, requires: ["withdrawn_content"] },
      ],
      decided: [{ action: "appeal", to: "appealed", requires: [] }],
    },
  },
  {
    kind: "denunciation",
    initial: "received",
    terminal: ["not_accepted", "closed", "withdrawn"],
    states: {
      received: [{ action: "accept", to: "accepted", requires: ["decision_number"] }],
      accepted: [
        { action: "extend", to: null, requires: ["decision_number"] },
        { action: "suspend", to: "suspended", requires: ["reason"] },
      ],
      verifying: [{ action: "conclude", to: "concluded", requires: ["outcome", "decision_number"] }],
    },
  },
  {
    kind: "petition",
    initial: "received",
    terminal: ["closed"],
    states: { accepted: [{ action: "resolve", to: "closed", requires: ["answer", "future_field"] }] },
  },
];

describe("the fields of an action's form", () => {
  it("asks what the workflow requires, then what the act may carry", () => {
    expect(actionFields(WORKFLOWS, "complaint", "received", "accept")).toEqual([{ name: "decision_number", required: false }]);
    expect(actionFields(WORKFLOWS, "denunciation", "received", "accept")).toEqual([{ name: "decision_number", required: true }]);
    expect(actionFields(WORKFLOWS, "complaint", "received", "not_accept")).toEqual([
      { name: "decision_number", required: false },
      { name: "reason", required: true },
    ]);
    expect(actionFields(WORKFLOWS, "complaint", "received", "forward")).toEqual([{ name: "target_unit_id", required: true }]);
  });

  it("asks an outcome and a decision number to decide or conclude", () => {
    const want = [
      { name: "outcome", required: true },
      { name: "decision_number", required: true },
    ];
    expect(actionFields(WORKFLOWS, "complaint", "verifying", "decide")).toEqual(want);
    expect(actionFields(WORKFLOWS, "denunciation", "verifying", "conclude")).toEqual(want);
  });

  it("asks the extension decision's number, and its length only optionally", () => {
    expect(actionFields(WORKFLOWS, "denunciation", "accepted", "extend")).toEqual([
      { name: "decision_number", required: true },
      { name: "extension_days", required: false },
    ]);
  });

  it("lets a second complaint name its authority or go to the parent unit", () => {
    expect(actionFields(WORKFLOWS, "complaint", "decided", "appeal")).toEqual([{ name: "target_unit_id", required: false }]);
  });

  it("keeps a required field it has no widget for, last, to be asked as text", () => {
    expect(actionFields(WORKFLOWS, "petition", "accepted", "resolve")).toEqual([
      { name: "decision_number", required: false },
      { name: "answer", required: true },
      { name: "future_field", required: true },
    ]);
  });

  it("asks only the date and a note for an act without data", () => {
    expect(actionFields(WORKFLOWS, "complaint", "verifying", "hold_dialogue")).toEqual([]);
    // Before the workflows load, only the optional fields are known.
    expect(actionFields(undefined, "denunciation", "accepted", "extend")).toEqual([{ name: "extension_days", required: false }]);
  });
});

describe("the transition request", () => {
  it("sends the act's own fields, trimmed, with the date as YYYY-MM-DD", () => {
    const fields = actionFields(WORKFLOWS, "denunciation", "accepted", "extend");
    expect(
      buildTransition("extend", fields, {
        effective_on: dayjs("2026-11-23"),
        decision_number: "  12/QĐ-UBND ",
        extension_days: 30,
        note: "  ",
        reason: "not a field of this act",
      }),
    ).toEqual({ action: "extend", effective_on: "2026-11-23", decision_number: "12/QĐ-UBND", extension_days: 30 });
  });

  it("leaves out empty optional fields so the server applies its defaults", () => {
    const fields = actionFields(WORKFLOWS, "complaint", "decided", "appeal");
    expect(buildTransition("appeal", fields, { target_unit_id: null, note: "Ông An khiếu nại lần hai" })).toEqual({
      action: "appeal",
      note: "Ông An khiếu nại lần hai",
    });
  });

  it("carries the outcome and the unit as chosen", () => {
    const fields = actionFields(WORKFLOWS, "complaint", "verifying", "decide");
    expect(buildTransition("decide", fields, { outcome: "partly_upheld", decision_number: "5/QĐ" })).toEqual({
      action: "decide",
      outcome: "partly_upheld",
      decision_number: "5/QĐ",
    });
  });

  it("puts the server's field errors on the form's fields, the rest in the message", () => {
    const resolve = transitionFieldResolver(actionFields(WORKFLOWS, "denunciation", "accepted", "extend"));
    const fe = { in: "body", field: "", code: "x", message: "" };
    expect(resolve(["decision_number"], fe)).toBe("decision_number");
    expect(resolve(["effective_on"], fe)).toBe("effective_on");
    expect(resolve(["action"], fe)).toBeUndefined();
    expect(resolve(["answer"], fe)).toBeUndefined();
  });
});
