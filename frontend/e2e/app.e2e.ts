import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { openBrowser, option, pick, shot } from "./browser";

/*
 * The scenario against the real API on a fresh database, in Vietnamese (the default)
 * and English. Steps share one signed-in page and run in order.
 */
describe("QCDC in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  const username = inject("username");
  const password = inject("password");
  const run = Date.now().toString(36).toUpperCase();

  beforeAll(async () => {
    ({ page, close } = await openBrowser(inject("baseURL"), inject("today")));
  });

  // What the page looked like when a step failed, for whoever reads the CI log.
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  const dialog = (name: string | RegExp) => page.getByRole("dialog", { name });

  it("sends a visitor to sign-in and says clearly when the password is wrong", async () => {
    await page.goto("/units");
    await page.waitForURL("**/sign-in");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill("not-the-password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("alert").filter({ hasText: "Tên đăng nhập hoặc mật khẩu không đúng." }).waitFor();
    await shot(page, "01-sign-in-wrong-password");
  });

  it("signs in as the bootstrap administrator", async () => {
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("heading", { name: "Đơn vị hành chính" }).waitFor();
    await page.getByText("Quản trị hệ thống").waitFor();
    await page.getByRole("treeitem", { name: /Tỉnh Cao Bằng/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/units");
    await shot(page, "02-units-tree");
  });

  it("browses the tree down to a commune", async () => {
    const province = page.getByRole("treeitem", { name: /Tỉnh Cao Bằng/ });
    await province.locator(".ant-tree-switcher").click();
    const commune = page.getByRole("treeitem", { name: /Xã Bạch Đằng/ });
    await commune.click();
    const details = page.locator(".ant-card").filter({ has: page.getByRole("heading", { name: "Xã Bạch Đằng", level: 2 }) });
    await details.getByRole("link", { name: "Tỉnh Cao Bằng" }).waitFor();
    await details.getByText("Xã", { exact: true }).first().waitFor();
    expect(new URL(page.url()).searchParams.get("unit")).toBeTruthy();
    await shot(page, "03-commune-details");
  });

  it('searches "thuc phan" without diacritics, finds Phường Thục Phán and reveals it in the tree', async () => {
    const search = page.getByRole("searchbox", { name: /Tìm đơn vị/ });
    await search.fill("thuc phan");
    await search.press("Enter");
    await page.getByRole("search").getByRole("button", { name: /Phường Thục Phán/ }).click();
    await page.getByRole("heading", { name: "Phường Thục Phán", level: 2 }).waitFor();
    await expect.poll(() => page.getByRole("treeitem", { name: /Phường Thục Phán/ }).getAttribute("aria-selected")).toBe("true");
    expect(new URL(page.url()).searchParams.get("q")).toBe("thuc phan");
    await shot(page, "04-search-thuc-phan");
  });

  const created = `Tổ dân phố E2E ${run}`;
  const edited = `${created} (đã sửa)`;

  it("creates a unit under the selected ward and edits it", async () => {
    await page.getByRole("button", { name: "Thêm đơn vị trực thuộc" }).click();
    const create = dialog(/Thêm đơn vị trực thuộc Phường Thục Phán/);
    await create.getByLabel("Tên đơn vị").fill(created);
    await create.getByLabel("Mã", { exact: true }).fill(`E2E-${run}`);
    await pick(page, create, "Loại", "Tổ dân phố");
    await shot(page, "05-create-unit");
    await create.getByRole("button", { name: "Tạo" }).click();
    await create.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: created, level: 2 }).waitFor();
    await page.getByRole("treeitem", { name: new RegExp(created) }).waitFor();

    await page.getByRole("button", { name: "Sửa" }).click();
    const edit = dialog(/Sửa đơn vị/);
    await edit.getByLabel("Tên đơn vị").fill(edited);
    const validFrom = edit.getByLabel("Hiệu lực từ ngày");
    await validFrom.fill("01/07/2025");
    await validFrom.press("Enter");
    await edit.getByRole("button", { name: "Lưu" }).click();
    await edit.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: edited, level: 2 }).waitFor();
    await page.getByText("Từ 01/07/2025").waitFor();
    // The tree shows the new name too: the write refreshed the level it sits in.
    await page.getByRole("treeitem", { name: new RegExp(edited.replace(/[()]/g, "\\$&")) }).waitFor();
    await shot(page, "06-unit-edited");
  });

  it("records a rename of the new unit through the reorganization form", async () => {
    const renamed = `Tổ dân phố Thục Phán ${run}`;
    await page.getByRole("button", { name: "Sắp xếp lại" }).click();
    const reorganize = dialog(/Sắp xếp lại từ đơn vị/);
    await reorganize.getByText("Đổi tên", { exact: true }).click();
    await reorganize.getByLabel("Tên mới").fill(renamed);
    await reorganize.getByLabel("Căn cứ pháp lý").fill("Nghị quyết 12/2026/NQ-HĐND");
    await shot(page, "07-reorganize-rename");
    await reorganize.getByRole("button", { name: "Ghi nhận" }).click();
    await reorganize.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: renamed, level: 2 }).waitFor();
    // The rename is now part of the unit's history, with its legal basis.
    await page.getByText("Nghị quyết 12/2026/NQ-HĐND", { exact: false }).waitFor();
  });

  it("creates a user and an API key whose secret is shown once", async () => {
    await page.getByRole("link", { name: "Quản trị" }).click();
    await page.getByRole("tab", { name: "Người dùng" }).waitFor();
    await page.getByRole("button", { name: "Thêm người dùng" }).click();
    const user = dialog("Thêm người dùng");
    await user.getByLabel("Tên đăng nhập").fill(`canbo${run.toLowerCase()}`);
    await user.getByLabel("Họ và tên").fill("Nguyễn Thị Lan");
    await user.getByLabel("Email").fill(`lan.${run.toLowerCase()}@example.vn`);
    await user.getByLabel("Mật khẩu").fill("mat-khau-du-dai-2026");
    await user.getByRole("button", { name: "Tạo" }).click();
    await user.waitFor({ state: "hidden" });
    await page.getByRole("cell", { name: `canbo${run.toLowerCase()}` }).waitFor();
    await shot(page, "08-users");

    await page.getByRole("tab", { name: "Khóa API" }).click();
    await page.getByRole("button", { name: "Tạo khóa API" }).click();
    const key = dialog("Tạo khóa API");
    await key.getByLabel("Tên").fill(`Một cửa ${run}`);
    await key.getByLabel("Quyền").click();
    await option(page, "Xem đơn vị (units:read)").click();
    // A multiple select stays open after a pick: click outside it, as a person would.
    await key.getByText("Tạo khóa API", { exact: true }).click();
    await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
    await key.getByRole("button", { name: "Tạo" }).click();
    const secret = dialog(/Đã tạo khóa/);
    await secret.getByText("Khóa sẽ KHÔNG được hiển thị lại", { exact: false }).waitFor();
    const value = await secret.getByRole("textbox").inputValue();
    expect(value.length).toBeGreaterThanOrEqual(20);
    await shot(page, "09-api-key-secret");
    await secret.getByRole("button", { name: "Tôi đã lưu khóa" }).click();
    await secret.waitFor({ state: "hidden" });
    await page.getByRole("cell", { name: `Một cửa ${run}` }).waitFor();
    // The secret is nowhere on the page any more.
    expect(await page.getByText(value).count()).toBe(0);
  });

  it("switches the language to English and back to Vietnamese", async () => {
    const language = page.getByRole("radiogroup", { name: /Language/ });
    await language.getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: "Administration" }).waitFor();
    await page.getByRole("tab", { name: "API keys" }).waitFor();
    await page.getByRole("link", { name: "Units" }).click();
    await page.getByRole("heading", { name: "Administrative units" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await shot(page, "10-english");
    expect(await language.getByRole("radio", { name: "EN" }).isChecked()).toBe(true);
    await language.getByText("VI", { exact: true }).click();
    await page.getByRole("heading", { name: "Đơn vị hành chính" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
  });

  it("signs out, and the app asks to sign in again", async () => {
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL("**/sign-in");
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    await page.goto("/admin");
    await page.waitForURL("**/sign-in");
  });
});
