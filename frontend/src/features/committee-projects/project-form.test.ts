import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { buildProjectCreate, buildProjectUpdate, locationIds, projectField, projectValuesOf, repeatsLocation } from "./project-form";
import { aProject } from "./test-fixtures";

const project = aProject();

describe("a project's locations in the form", () => {
  it("are sent main first, then the further ones in order, empty pickers left out", () => {
    expect(locationIds({ unit_id: "c1", further: ["c3", null, "c2"] })).toEqual(["c1", "c3", "c2"]);
    expect(locationIds({ unit_id: "c1" })).toEqual(["c1"]);
  });

  it("take the API's errors on the picker they name", () => {
    const fe = {} as never;
    expect(projectField(["location_unit_ids", "0"], fe)).toBe("unit_id");
    expect(projectField(["location_unit_ids", "2"], fe)).toEqual(["further", 1]);
    expect(projectField(["location_unit_ids"], fe)).toBe("unit_id");
    expect(projectField(["starts_on"], fe)).toBe("starts_on");
    expect(projectField(["external_ref"], fe)).toBeUndefined();
  });

  it("refuse a unit named twice, on the later picker", () => {
    const v = { unit_id: "c1", further: ["c2", "c1", "c2", "c3"] };
    expect([0, 1, 2, 3].map((n) => repeatsLocation(v, n))).toEqual([false, true, true, false]);
    expect(repeatsLocation({ unit_id: "c1", further: [null] }, 0)).toBe(false);
  });
});

describe("a project's body", () => {
  it("for a new project, with several locations", () => {
    const body = buildProjectCreate({
      name: " Kênh mương nội đồng ",
      investor: "UBND xã",
      capital_source: "community_contribution",
      unit_id: "c1",
      further: ["c2"],
      starts_on: dayjs("2026-04-01"),
      notes: "  ",
    });
    expect(body).toEqual({
      name: "Kênh mương nội đồng",
      investor: "UBND xã",
      capital_source: "community_contribution",
      total_investment: null,
      location_unit_ids: ["c1", "c2"],
      starts_on: "2026-04-01",
      planned_end_on: null,
      actual_end_on: null,
      notes: null,
    });
  });

  it("for an edit: nothing when nothing changed", () => {
    expect(projectValuesOf(project).further).toEqual(["c2"]);
    expect(buildProjectUpdate(project, projectValuesOf(project))).toEqual({});
  });

  it("for an edit: the locations whole when one is added, removed or the main one changes", () => {
    const v = projectValuesOf(project);
    expect(buildProjectUpdate(project, { ...v, further: ["c2", "c3"] })).toEqual({ location_unit_ids: ["c1", "c2", "c3"] });
    expect(buildProjectUpdate(project, { ...v, further: [] })).toEqual({ location_unit_ids: ["c1"] });
    expect(buildProjectUpdate(project, { ...v, unit_id: "c2", further: ["c1"] })).toEqual({ location_unit_ids: ["c2", "c1"] });
  });

  it("for an edit: the other fields changed, cleared ones as null", () => {
    const v = { ...projectValuesOf(project), total_investment: null, actual_end_on: dayjs("2026-11-20"), notes: "Đã bàn giao" };
    expect(buildProjectUpdate(project, v)).toEqual({ total_investment: null, actual_end_on: "2026-11-20", notes: "Đã bàn giao" });
  });
});
