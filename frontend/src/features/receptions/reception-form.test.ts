import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { ReceptionRead } from "./api/types";
import { buildReceptionCreate, buildReceptionUpdate, receptionValuesOf, type ReceptionValues } from "./reception-form";

const values: ReceptionValues = {
  held_on: dayjs("2026-11-23"),
  unit_id: "u-1",
  place: " Trụ sở tiếp công dân UBND phường Thục Phán ",
  host_name: "Nông Văn Hùng ",
  host_role: "pc_chairman",
  kind: "regular",
  citizens_received: 7,
  cases_received: null,
  notes: "  ",
};

describe("the reception session request", () => {
  it("builds a session, trimmed, in person by default, with counts never negative", () => {
    expect(buildReceptionCreate(values)).toEqual({
      held_on: "2026-11-23",
      unit_id: "u-1",
      place: "Trụ sở tiếp công dân UBND phường Thục Phán",
      host_name: "Nông Văn Hùng",
      host_role: "pc_chairman",
      kind: "regular",
      mode: "in_person",
      citizens_received: 7,
      cases_received: 0,
      notes: null,
    });
    expect(buildReceptionCreate({ ...values, citizens_received: -2, mode: "online" })).toMatchObject({
      citizens_received: 0,
      mode: "online",
    });
  });

  it("sends only what changed when a session is edited", () => {
    const read = { id: "r-1", ...buildReceptionCreate(values), unit: {} } as unknown as ReceptionRead;
    expect(buildReceptionUpdate(read, receptionValuesOf(read))).toEqual({});
    expect(buildReceptionUpdate(read, { ...receptionValuesOf(read), kind: "ad_hoc", notes: "Đất đai" })).toEqual({
      kind: "ad_hoc",
      notes: "Đất đai",
    });
  });
});
