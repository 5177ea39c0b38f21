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
});
