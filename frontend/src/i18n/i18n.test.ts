import { describe, expect, it } from "vitest";
import i18n, { currentLanguage, setLanguage } from "./index";

describe("i18n", () => {
  it("defaults to Vietnamese", () => {
    expect(currentLanguage()).toBe("vi");
    expect(i18n.t("nav.units")).toBe("Đơn vị");
  });

  it("switches language and remembers it in localStorage", async () => {
    await setLanguage("en");
    expect(currentLanguage()).toBe("en");
    expect(i18n.t("nav.admin")).toBe("Administration");
    expect(localStorage.getItem("qcdc.lang")).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    await setLanguage("vi");
    expect(i18n.t("nav.admin")).toBe("Quản trị");
  });

  it("translates keys that contain a colon (permission codes)", () => {
    expect(i18n.t("permission.units:read")).toBe("Xem đơn vị");
  });

  it("has the same keys in both languages", async () => {
    const keys = (o: object, p = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const vi = (await import("./vi.json")).default;
    const en = (await import("./en.json")).default;
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it("has the same keys in both languages in the screens' bundles, none of them overriding the main files", async () => {
    const keys = (o: object, p = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const main = new Set(keys((await import("./vi.json")).default));
    for (const bundle of ["petitions", "receptions"]) {
      const vi = keys((await import(`./${bundle}.vi.json`)).default);
      const en = keys((await import(`./${bundle}.en.json`)).default);
      expect(en.sort()).toEqual(vi.sort());
      expect(vi.filter((k) => main.has(k))).toEqual([]);
    }
  });

  it("labels every kind, status and action of a case, and every host role, in Vietnamese", async () => {
    await import("./petitions");
    await import("./receptions");
    await setLanguage("vi");
    expect(i18n.t("petitions.kind.denunciation")).toBe("Tố cáo");
    expect(i18n.t("petitions.action.accept")).toBe("Thụ lý");
    expect(i18n.t("petitions.action.not_accept")).toBe("Không thụ lý");
    expect(i18n.t("petitions.action.extend")).toBe("Gia hạn");
    expect(i18n.t("petitions.status.suspended")).toBe("Tạm đình chỉ");
    expect(i18n.t("petitions.deadline.daysLeft", { count: 3 })).toBe("còn 3 ngày");
    expect(i18n.t("receptions.hostRole.pc_chairman")).toBe("Chủ tịch UBND");
    // The bundles merge into the one namespace without replacing the main files' words.
    expect(i18n.t("nav.units")).toBe("Đơn vị");
    await setLanguage("en");
    expect(i18n.t("petitions.deadline.daysLeft", { count: 1 })).toBe("1 day left");
    expect(i18n.t("petitions.deadline.daysLeft", { count: 3 })).toBe("3 days left");
    await setLanguage("vi");
  });
});
