import type { ProjectRead } from "./api/types";

const commune = (id: string, name: string) => ({ id, name, code: id, kind: "commune", status: "active" }) as ProjectRead["locations"][number];

/** A project of two communes, Xuân Trường its main location (tests only). */
export function aProject(overrides: Partial<ProjectRead> = {}): ProjectRead {
  return {
    id: "p-1",
    name: "Đường giao thông xóm Nà Cạn",
    investor: "UBND xã Xuân Trường",
    capital_source: "state_budget",
    total_investment: 2_500_000_000,
    unit_id: "c1",
    locations: [commune("c1", "Xã Xuân Trường"), commune("c2", "Xã Hưng Đạo")],
    starts_on: "2026-03-02",
    planned_end_on: null,
    actual_end_on: null,
    notes: null,
    board: null,
    ...overrides,
  } as ProjectRead;
}
