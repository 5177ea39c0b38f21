import { describe, expect, it } from "vitest";
import { daysBetween, deadlineBadge, limitState, todayInVietnam } from "./deadline";

const open = (due_on: string, days_left: number, deadline_state: "on_track" | "at_risk" | "overdue") => ({
  due_on,
  days_left,
  deadline_state,
  settled_on_time: null,
});

describe("the due-date badge", () => {
  it("is green with the days left while the earliest limit is far", () => {
    expect(deadlineBadge(open("2026-12-23", 30, "on_track"))).toEqual({
      tone: "on_track",
      color: "green",
      label: "petitions.deadline.on_track",
      dueOn: "2026-12-23",
      days: { key: "petitions.deadline.daysLeft", count: 30 },
    });
  });

  it("is orange at five days or fewer, and says when it is due today", () => {
    expect(deadlineBadge(open("2026-11-28", 5, "at_risk"))).toMatchObject({ color: "orange", days: { count: 5 } });
    expect(deadlineBadge(open("2026-11-23", 0, "at_risk")).days).toEqual({ key: "petitions.deadline.dueToday", count: 0 });
  });

  it("is red when overdue, counting the days past", () => {
    expect(deadlineBadge(open("2026-11-20", -3, "overdue"))).toMatchObject({
      tone: "overdue",
      color: "red",
      days: { key: "petitions.deadline.daysOverdue", count: 3 },
    });
  });

  it("says whether a settled case was settled on time once no limit runs", () => {
    const settled = (settled_on_time: boolean | null) => ({ due_on: null, days_left: null, deadline_state: null, settled_on_time });
    expect(deadlineBadge(settled(true))).toMatchObject({ tone: "settled_on_time", color: "green", dueOn: null, days: null });
    expect(deadlineBadge(settled(false))).toMatchObject({ tone: "settled_late", color: "red" });
    expect(deadlineBadge(settled(null))).toMatchObject({ tone: "none", color: "default" });
  });
});

describe("one time limit's state", () => {
  it("rates a running limit as the API does (at risk at 5 days or fewer)", () => {
    expect(limitState({ due_on: "2026-12-01", ended_on: null }, "2026-11-23")).toBe("on_track");
    expect(limitState({ due_on: "2026-11-28", ended_on: null }, "2026-11-23")).toBe("at_risk");
    expect(limitState({ due_on: "2026-11-23", ended_on: null }, "2026-11-23")).toBe("at_risk");
    expect(limitState({ due_on: "2026-11-22", ended_on: null }, "2026-11-23")).toBe("overdue");
  });

  it("says whether an ended limit was met", () => {
    expect(limitState({ due_on: "2026-12-02", ended_on: "2026-12-02" }, "2027-01-01")).toBe("ended_on_time");
    expect(limitState({ due_on: "2026-12-02", ended_on: "2026-12-03" }, "2026-11-01")).toBe("ended_late");
  });

  it("counts calendar days across months and a DST-free zone", () => {
    expect(daysBetween("2026-11-23", "2026-12-23")).toBe(30);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2026-11-23", "2026-11-20")).toBe(-3);
  });

  it("takes today in Vietnam, not in the browser's zone", () => {
    // 18:30 UTC on 22 November is 01:30 on 23 November in Hanoi.
    expect(todayInVietnam(new Date("2026-11-22T18:30:00Z"))).toBe("2026-11-23");
    expect(todayInVietnam(new Date("2026-11-22T16:59:00Z"))).toBe("2026-11-22");
  });
});
