import { describe, expect, it } from "vitest";
import dayjs from "dayjs";
import type { TeamRead } from "./api/types";
import {
  buildProgressReport,
  buildRecommendationCreate,
  buildRecommendationTransition,
  lastRecommendationActOn,
  mayReport,
  ownerOptions,
  recommendationDue,
  recommendationFieldResolver,
} from "./recommendation";

const open = { due_on: "2026-12-08", verified_on: null, status: "open" as const };

describe("a recommendation's due badge", () => {
  it("says overdue with the days past, from what the API computed", () => {
    expect(recommendationDue({ ...open, overdue: true, days_left: -4 })).toEqual({
      tone: "overdue",
      color: "red",
      label: "inspections.due.overdue",
      days: { key: "inspections.due.daysOverdue", count: 4 },
    });
  });

  it("says due soon within a week, on track beyond, and due today on the day", () => {
    expect(recommendationDue({ ...open, overdue: false, days_left: 7 }).tone).toBe("due_soon");
    expect(recommendationDue({ ...open, overdue: false, days_left: 8 })).toMatchObject({
      tone: "on_track",
      days: { key: "inspections.due.daysLeft", count: 8 },
    });
    expect(recommendationDue({ ...open, overdue: false, days_left: 0 }).days).toEqual({ key: "inspections.due.dueToday", count: 0 });
  });

  it("once verified, says whether it was done on time, without days", () => {
    const closed = { ...open, status: "verified_closed" as const, overdue: false, days_left: null };
    expect(recommendationDue({ ...closed, verified_on: "2026-12-08" })).toMatchObject({ tone: "verified", days: null });
    expect(recommendationDue({ ...closed, verified_on: "2026-12-09" })).toMatchObject({ tone: "verified_late", color: "red" });
  });
});

describe("the issue form", () => {
  it("sends a due date, or a number of working or calendar days, never both", () => {
    const base = { owner_unit_id: "u-1", content: "  Niêm yết dự toán  " };
    expect(buildRecommendationCreate({ ...base, due_mode: "date", due_on: dayjs("2026-12-08"), due_days: 10 })).toEqual({
      owner_unit_id: "u-1",
      content: "Niêm yết dự toán",
      due_on: "2026-12-08",
    });
    expect(buildRecommendationCreate({ ...base, due_mode: "days", due_days: 10, due_basis: "calendar", finding_id: "f-1" })).toEqual({
      owner_unit_id: "u-1",
      content: "Niêm yết dự toán",
      finding_id: "f-1",
      due_in: { days: 10, basis: "calendar" },
    });
  });

  it("lands the server's field errors on the form's fields", () => {
    const fe = { field: "", message: "", code: "", in: "body" } as never;
    expect(recommendationFieldResolver(["due_in", "days"], fe)).toBe("due_days");
    expect(recommendationFieldResolver(["due_in", "basis"], fe)).toBe("due_basis");
    expect(recommendationFieldResolver(["due_on"], fe)).toBe("due_on");
    expect(recommendationFieldResolver(["owner_unit_id"], fe)).toBe("owner_unit_id");
    expect(recommendationFieldResolver(["external_ref"], fe)).toBeUndefined();
  });

  it("offers the units visited and the organiser, each once", () => {
    const unit = (id: string, name: string) => ({ id, name, code: id, kind: "commune", status: "active" });
    const team = {
      organising_unit: unit("p", "Tỉnh Cao Bằng"),
      targets: [{ unit: unit("a", "Xã A") }, { unit: unit("b", "Xã B") }, { unit: unit("p", "Tỉnh Cao Bằng") }],
    } as unknown as TeamRead;
    expect(ownerOptions(team)).toEqual([
      { value: "a", label: "Xã A" },
      { value: "b", label: "Xã B" },
      { value: "p", label: "Tỉnh Cao Bằng" },
    ]);
  });
});

describe("the follow-up forms", () => {
  it("send a reason only when sending a report back", () => {
    const v = { effective_on: dayjs("2026-12-01"), reason: " Chưa niêm yết ở xóm Nà Vịt ", note: " " };
    expect(buildRecommendationTransition("reject_report", v)).toEqual({
      action: "reject_report",
      effective_on: "2026-12-01",
      reason: "Chưa niêm yết ở xóm Nà Vịt",
    });
    expect(buildRecommendationTransition("verify", { ...v, note: "Đã kiểm tra thực tế" })).toEqual({
      action: "verify",
      effective_on: "2026-12-01",
      note: "Đã kiểm tra thực tế",
    });
  });

  it("send a progress report's text and day", () => {
    expect(buildProgressReport({ text: " Đã niêm yết 12/15 xóm ", reported_on: dayjs("2026-11-30") })).toEqual({
      text: "Đã niêm yết 12/15 xóm",
      reported_on: "2026-11-30",
    });
  });

  it("let only the owner report progress, while open or in progress", () => {
    expect(mayReport({ status: "open", allowed_actions: ["start"] })).toBe(true);
    expect(mayReport({ status: "in_progress", allowed_actions: ["report_done"] })).toBe(true);
    expect(mayReport({ status: "in_progress", allowed_actions: [] })).toBe(false);
    expect(mayReport({ status: "reported_done", allowed_actions: ["verify"] })).toBe(false);
  });

  it("date no act before the last one", () => {
    expect(lastRecommendationActOn([{ effective_on: "2026-11-20" }, { effective_on: "2026-11-25" }], "2026-11-10")).toBe("2026-11-25");
    expect(lastRecommendationActOn([], "2026-11-10")).toBe("2026-11-10");
    expect(lastRecommendationActOn(undefined)).toBeNull();
  });
});
