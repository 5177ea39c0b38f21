import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { formFailure } from "../../lib/form-errors";
import type { PlanRead, TeamRead } from "./api/types";
import { buildTeamCreate, buildTeamUpdate, droppedTargets, membersOf, teamFieldResolver, teamInitialValues, type TeamFormValues } from "./team-form";

const unit = (id: string, name: string, kind: "ward" | "commune" | "province" = "ward") => ({ id, code: id, name, kind, status: "active" as const });
const target = (id: string, unitId: string, name: string, status: TeamRead["targets"][number]["status"] = "planned") =>
  ({ id, unit_id: unitId, unit: unit(unitId, name), status }) as TeamRead["targets"][number];

const team = {
  id: "team-1",
  plan_id: "p-1",
  kind: "inspection",
  title: "Đoàn kiểm tra số 2 của Ban Chỉ đạo tỉnh",
  status: "planned",
  organising_unit: unit("u-04", "Tỉnh Cao Bằng", "province"),
  organising_unit_id: "u-04",
  decision_number: null,
  decision_date: null,
  decision_signer: null,
  planned_start: "2026-11-16",
  planned_end: "2026-11-23",
  actual_start: null,
  actual_end: null,
  topics: ["publicity_of_information"],
  conclusion_number: null,
  conclusion_date: null,
  conclusion_summary: null,
  members: [
    { full_name: "Đàm Quang Vinh", position: null, organisation: "Văn phòng UBND tỉnh", role: "member", user_id: "user-9" },
    { full_name: "Lục Thị Hằng", position: "Phó Trưởng ban Dân vận Tỉnh ủy", organisation: null, role: "leader", user_id: null },
  ],
  targets: [target("t-1", "u-01273", "Phường Thục Phán", "done"), target("t-2", "u-01279", "Phường Nùng Trí Cao")],
  allowed_actions: ["establish", "cancel"],
  external_ref: null,
  created_at: "2026-11-01T03:00:00Z",
  updated_at: "2026-11-01T03:00:00Z",
} satisfies TeamRead;

const plan = { id: "p-1", organising_unit_id: "u-04", topics: ["people_supervise"] } as PlanRead;
const t = (key: string, options?: Record<string, unknown>) => String(options?.defaultValue ?? key);

describe("the team form", () => {
  it("starts a team of a plan with the plan's organiser and topics, an ad hoc one with the reader's unit", () => {
    expect(teamInitialValues(null, plan, "u-x")).toMatchObject({ plan_id: "p-1", organising_unit_id: "u-04", topics: ["people_supervise"], kind: "inspection" });
    expect(teamInitialValues(null, null, "u-x")).toMatchObject({ plan_id: null, organising_unit_id: "u-x", topics: [] });
  });

  it("sends a new team: leader first, blank member rows dropped, texts trimmed, dates as YYYY-MM-DD", () => {
    const v: TeamFormValues = {
      plan_id: "p-1",
      kind: "supervision",
      title: ` ${team.title} `,
      organising_unit_id: "u-04",
      decision_number: "  ",
      decision_signer: " Nông Thị Thu ",
      planned_start: dayjs("2026-11-16"),
      planned_end: dayjs("2026-11-23"),
      leader: { full_name: " Lục Thị Hằng ", position: "Phó Trưởng ban Dân vận Tỉnh ủy", organisation: "" },
      members: [{ full_name: "Đàm Quang Vinh", organisation: "Văn phòng UBND tỉnh" }, { full_name: "  " }],
      target_unit_ids: ["u-01273", "u-01279", "u-01273"],
      topics: ["publicity_of_information"],
    };
    expect(buildTeamCreate(v)).toEqual({
      plan_id: "p-1",
      kind: "supervision",
      title: team.title,
      organising_unit_id: "u-04",
      decision_number: null,
      decision_signer: "Nông Thị Thu",
      planned_start: "2026-11-16",
      planned_end: "2026-11-23",
      topics: ["publicity_of_information"],
      members: [
        { full_name: "Lục Thị Hằng", position: "Phó Trưởng ban Dân vận Tỉnh ủy", organisation: null, role: "leader" },
        { full_name: "Đàm Quang Vinh", position: null, organisation: "Văn phòng UBND tỉnh", role: "member" },
      ],
      target_unit_ids: ["u-01273", "u-01279"],
    });
  });

  it("sends no leader when the leader's row is empty (a planned team may have none yet)", () => {
    expect(membersOf({ leader: { full_name: "" }, members: [{ full_name: "Đàm Quang Vinh" }] })).toEqual([
      { full_name: "Đàm Quang Vinh", position: null, organisation: null, role: "member" },
    ]);
  });

  it("sends nothing when the record is unchanged (the leader listed second on record included)", () => {
    expect(buildTeamUpdate(team, teamInitialValues(team, null, null))).toBeNull();
  });

  it("sends only what changed; members and targets whole, keeping the user ids of members kept", () => {
    const same = teamInitialValues(team, null, null);
    expect(buildTeamUpdate(team, { ...same, decision_number: "35/QĐ-BCĐ", planned_end: dayjs("2026-11-25") })).toEqual({
      decision_number: "35/QĐ-BCĐ",
      planned_end: "2026-11-25",
    });
    expect(buildTeamUpdate(team, { ...same, plan_id: null })).toEqual({ plan_id: null });
    const update = buildTeamUpdate(team, {
      ...same,
      members: [...(same.members ?? []), { full_name: "Hà Văn Tuấn", position: "Chủ tịch UBND phường" }],
      target_unit_ids: ["u-01273", "u-01279", "u-01280"],
    });
    expect(update).toEqual({
      members: [
        { full_name: "Lục Thị Hằng", position: "Phó Trưởng ban Dân vận Tỉnh ủy", organisation: null, role: "leader" },
        { full_name: "Đàm Quang Vinh", position: null, organisation: "Văn phòng UBND tỉnh", role: "member", user_id: "user-9" },
        { full_name: "Hà Văn Tuấn", position: "Chủ tịch UBND phường", organisation: null, role: "member" },
      ],
      target_unit_ids: ["u-01273", "u-01279", "u-01280"],
    });
  });

  it("names the targets a correction drops", () => {
    const same = teamInitialValues(team, null, null);
    expect(droppedTargets(team, { ...same, target_unit_ids: ["u-01279"] }).map((x) => x.unit.name)).toEqual(["Phường Thục Phán"]);
    expect(droppedTargets(team, same)).toEqual([]);
  });

  it("puts the server's field errors on the rows they are about, blank rows skipped", () => {
    const v: TeamFormValues = {
      leader: { full_name: "Lục Thị Hằng" },
      members: [{ full_name: "" }, { full_name: "Đàm Quang Vinh" }],
    };
    const err = new ApiError({
      status: 422,
      code: "validation_failed",
      detail: "Invalid",
      fieldErrors: [
        { in: "body", field: "planned_end", code: "invalid_period", message: "The planned period ends before it starts." },
        { in: "body", field: "target_unit_ids.2", code: "target_outside_organiser", message: "outside" },
        { in: "body", field: "members.1.full_name", code: "string_too_long", message: "too long" },
        { in: "body", field: "members", code: "multiple_leaders", message: "A team has one leader." },
        { in: "body", field: "external_ref", code: "duplicate", message: "taken" },
      ],
    });
    const { fields, general } = formFailure(err, teamFieldResolver(v), t, "problem");
    expect(fields).toEqual([
      { name: "planned_end", errors: ["The planned period ends before it starts."] },
      { name: "target_unit_ids", errors: ["outside"] },
      // The API's second member is the form's second member row (the first was blank).
      { name: ["members", 1, "full_name"], errors: ["too long"] },
      { name: ["leader", "full_name"], errors: ["A team has one leader."] },
    ]);
    expect(general).toBe("external_ref: taken");
  });
});
