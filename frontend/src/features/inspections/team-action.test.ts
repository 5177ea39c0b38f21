import { describe, expect, it } from "vitest";
import dayjs from "dayjs";
import type { TeamEventRead, TeamWorkflowRead } from "./api/types";
import {
  buildTeamTransition,
  initialActionValues,
  lastActOn,
  mayChange,
  mayRecordFindings,
  teamActionFields,
  teamTransitionFieldResolver,
} from "./team-action";

// As GET /inspections/teams/workflow answers (api/inspections/workflows.py).
const WORKFLOW: TeamWorkflowRead = {
  initial: "planned",
  terminal: ["cancelled", "closed"],
  states: {
    planned: [
      { action: "establish", to: "established", requires: [] },
      { action: "cancel", to: "cancelled", requires: ["reason"] },
    ],
    established: [
      { action: "start", to: "in_progress", requires: [] },
      { action: "cancel", to: "cancelled", requires: ["reason"] },
    ],
    reported: [
      { action: "conclude", to: "concluded", requires: ["conclusion_number", "conclusion_summary"] },
      { action: "cancel", to: "cancelled", requires: ["reason"] },
    ],
    concluded: [{ action: "close", to: "closed", requires: [] }],
  },
};

describe("the fields of a team's act", () => {
  it("asks for the decision when establishing: required only when the team has no number yet", () => {
    expect(teamActionFields(WORKFLOW, { status: "planned", decision_number: null }, "establish")).toEqual([
      { name: "decision_number", required: true },
      { name: "decision_signer", required: false },
    ]);
    expect(teamActionFields(WORKFLOW, { status: "planned", decision_number: "35/QĐ-BCĐ" }, "establish")).toEqual([
      { name: "decision_number", required: false },
      { name: "decision_signer", required: false },
    ]);
  });

  it("asks what the workflow requires: the conclusion's number and summary, a cancellation's reason", () => {
    expect(teamActionFields(WORKFLOW, { status: "reported", decision_number: "x" }, "conclude")).toEqual([
      { name: "conclusion_number", required: true },
      { name: "conclusion_summary", required: true },
    ]);
    expect(teamActionFields(WORKFLOW, { status: "established", decision_number: "x" }, "cancel")).toEqual([
      { name: "reason", required: true },
    ]);
    expect(teamActionFields(WORKFLOW, { status: "established", decision_number: "x" }, "start")).toEqual([]);
  });

  it("still asks, as text, a field the API requires that the form does not know", () => {
    const later: TeamWorkflowRead = {
      ...WORKFLOW,
      states: { concluded: [{ action: "close", to: "closed", requires: ["closing_note"] }] },
    };
    expect(teamActionFields(later, { status: "concluded", decision_number: "x" }, "close")).toEqual([
      { name: "closing_note", required: true },
    ]);
  });

  it("starts an establishment from the decision already recorded on the team", () => {
    expect(initialActionValues({ decision_number: "35/QĐ-BCĐ", decision_signer: null }, "establish")).toEqual({
      decision_number: "35/QĐ-BCĐ",
      decision_signer: undefined,
    });
    expect(initialActionValues({ decision_number: "35/QĐ-BCĐ", decision_signer: "A" }, "start")).toEqual({});
  });
});

describe("the body of a team's act", () => {
  it("sends the act, its date, a trimmed note and only the fields of its form", () => {
    const fields = teamActionFields(WORKFLOW, { status: "reported", decision_number: "x" }, "conclude");
    const body = buildTeamTransition("conclude", fields, {
      effective_on: dayjs("2026-11-26"),
      note: "  ",
      conclusion_number: " 41/TB-BCĐ ",
      conclusion_summary: "Phường thực hiện tốt công khai",
      decision_number: "not on this form",
    });
    expect(body).toEqual({
      action: "conclude",
      effective_on: "2026-11-26",
      conclusion_number: "41/TB-BCĐ",
      conclusion_summary: "Phường thực hiện tốt công khai",
    });
  });

  it("leaves out empty optional fields, so the API keeps the team's own decision number", () => {
    const fields = teamActionFields(WORKFLOW, { status: "planned", decision_number: "35/QĐ-BCĐ" }, "establish");
    expect(buildTeamTransition("establish", fields, { decision_number: "", decision_signer: "Hoàng Văn Khải", note: "Họp" })).toEqual({
      action: "establish",
      decision_signer: "Hoàng Văn Khải",
      note: "Họp",
    });
  });

  it("puts server errors on the form's own fields only", () => {
    const resolve = teamTransitionFieldResolver([{ name: "reason", required: true }]);
    const fe = { in: "body", field: "x", code: "missing", message: "m" } as const;
    expect(resolve(["reason"], fe)).toBe("reason");
    expect(resolve(["effective_on"], fe)).toBe("effective_on");
    expect(resolve(["members"], fe)).toBeUndefined();
  });
});

describe("what the reader may do", () => {
  it("dates a new act no earlier than the team's latest", () => {
    const e = (effective_on: string) => ({ effective_on }) as TeamEventRead;
    expect(lastActOn(undefined)).toBeNull();
    expect(lastActOn([e("2026-03-30"), e("2026-04-24"), e("2026-04-06")])).toBe("2026-04-24");
  });

  it("changes the team only when the API offers acts, and records findings only while the team collects", () => {
    expect(mayChange({ status: "planned", allowed_actions: ["establish", "cancel"] })).toBe(true);
    // A visited unit's principal, or a reader without inspections:write: no acts offered.
    expect(mayChange({ status: "in_progress", allowed_actions: [] })).toBe(false);
    expect(mayChange({ status: "closed", allowed_actions: [] })).toBe(false);
    expect(mayRecordFindings({ status: "in_progress", allowed_actions: ["report", "cancel"] })).toBe(true);
    expect(mayRecordFindings({ status: "reported", allowed_actions: ["conclude", "cancel"] })).toBe(true);
    expect(mayRecordFindings({ status: "established", allowed_actions: ["start", "cancel"] })).toBe(false);
    expect(mayRecordFindings({ status: "concluded", allowed_actions: ["close"] })).toBe(false);
    expect(mayRecordFindings({ status: "in_progress", allowed_actions: [] })).toBe(false);
  });
});
