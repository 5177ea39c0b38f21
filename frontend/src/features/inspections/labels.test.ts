import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import "./i18n";
import { ApiError } from "../../api/client";
import type { TopicRead } from "./api/types";
import { inspectionYears, problemMessage, topicName, withFieldErrors } from "./labels";

describe("inspections' words", () => {
  it("names a topic in the reader's language, or by its code when unknown", () => {
    const topics = [{ code: "people_supervise", name_vi: "Nhân dân giám sát", name_en: "People supervise", position: 3, active: true }] as TopicRead[];
    expect(topicName(topics, "people_supervise", "vi")).toBe("Nhân dân giám sát");
    expect(topicName(topics, "people_supervise", "en")).toBe("People supervise");
    expect(topicName(topics, "new_topic", "vi")).toBe("new_topic");
  });

  it("offers the years from the law's first to next year, newest first", () => {
    expect(inspectionYears(new Date("2026-11-26T12:00:00+07:00"))).toEqual(["2027", "2026", "2025", "2024", "2023"]);
  });

  it("says the inspections' problems in their own words, and the rest as the app does", () => {
    const t = i18n.t.bind(i18n);
    const notOrganiser = new ApiError({ status: 403, code: "not_organiser", detail: "x" });
    expect(problemMessage(t, notOrganiser)).toBe("Chỉ đơn vị tổ chức đoàn được thay đổi đoàn, phát hiện và kết quả làm việc.");
    expect(problemMessage(t, new ApiError({ status: 403, code: "forbidden", detail: "x" }))).toBe("Bạn không có quyền thực hiện thao tác này.");
    const words = withFieldErrors(t);
    expect(words("fieldError.date_before_last_event", { defaultValue: "server" })).toBe("Không được trước ngày của thao tác gần nhất");
    expect(words("fieldError.string_too_long", { defaultValue: "server" })).toBe("Quá dài");
    expect(words("fieldError.who_knows", { defaultValue: "server" })).toBe("server");
  });
});
