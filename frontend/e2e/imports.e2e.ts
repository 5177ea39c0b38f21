import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { ddmmyyyy, legalDay, signInApi, type Api } from "./api";
import { openBrowser, shot } from "./browser";

/*
 * Issue 13's import screen against the real API, with real files. A provincial administrator of
 * Cao Bằng downloads the villages template, fills in 300 villages of one commune as an official
 * would in Excel (three rows wrong: a parent that does not exist, a village without a name, the
 * 31st of February), checks the file and reads the three errors by row and column, imports the 297
 * valid rows, downloads the error file, fixes its three rows, imports it, and finds the villages
 * in the units tree.
 */
describe("importing villages from the Excel template in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  let admin: Api;
  const baseURL = inject("baseURL");
  const run = Date.now().toString(36).toUpperCase();
  const password = "mat-khau-nhap-lieu-2026";
  const user = `nhap-lieu-${run.toLowerCase()}`;
  const folder = mkdtempSync(join(tmpdir(), "qcdc-import-"));
  const villages = 300;
  const name = (i: number) => `Thôn Nhập ${i} ${run}`;
  const code = (i: number) => `N${run}${String(i).padStart(3, "0")}`;
  // The rows written wrong, by village number.
  const NO_PARENT = 50;
  const NO_NAME = 120;
  const NO_SUCH_DAY = 250;
  let commune: { id: string; code: string; name: string };

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    const province = (await admin<{ items: { id: string }[] }>("GET", "/units?code=04")).body.items[0];
    if (!province) throw new Error("Tỉnh Cao Bằng is not among the official units");
    const children = await admin<{ items: { id: string; name: string; code: string; kind: string }[] }>(
      "GET",
      `/units/${province.id}/children?limit=200`,
    );
    // A commune the other browser tests leave alone (they take named ones and the last five).
    const free = children.body.items.filter(
      (u) => ["commune", "ward"].includes(u.kind) && !["01273", "01279", "01339", "01290"].includes(u.code),
    );
    commune = free[0]!;
    const res = await admin("POST", "/users", { username: user, full_name: "Nông Thị Nhập", password, unit_id: province.id, roles: ["admin"] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ({ page, close } = await openBrowser(baseURL, inject("today")));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  /** A file the page offers, saved where the test can open it. */
  const download = async (button: string, file: string): Promise<string> => {
    const [offered] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
    const path = join(folder, file);
    await offered.saveAs(path);
    return path;
  };

  const upload = async (path: string) => {
    await page.locator('input[type="file"]').setInputFiles(path);
    await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  };

  const column = (sheet: ExcelJS.Worksheet, header: string): number => {
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => (v == null ? "" : String(v)));
    const at = headers.indexOf(header);
    if (at < 1) throw new Error(`no column ${header} in ${headers.join(" | ")}`);
    return at;
  };

  it("downloads the template and fills in 300 villages, three of them wrong", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Tên đăng nhập").fill(user);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Nhập dữ liệu" }).click();
    await page.getByRole("heading", { name: "Nhập dữ liệu từ tệp", level: 1 }).waitFor();

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download("Tải mẫu Excel", "mau.xlsx"));
    const sheet = book.getWorksheet("Dữ liệu")!;
    expect(book.getWorksheet("Hướng dẫn"), "the sheet explaining each column").toBeTruthy();
    const at = {
      code: column(sheet, "Mã"),
      name: column(sheet, "Tên"),
      kind: column(sheet, "Loại"),
      parent: column(sheet, "Mã đơn vị cấp trên"),
      from: column(sheet, "Ngày bắt đầu"),
    };
    // The example row says how a kind is written; the drop-down list offers it.
    const kind = String(sheet.getRow(2).getCell(at.kind).value ?? "");
    expect(kind).not.toBe("");
    for (let i = 1; i <= villages; i++) {
      const row = sheet.getRow(i + 1);
      // Every cell of the example row is replaced (or emptied).
      row.eachCell({ includeEmpty: true }, (cell) => (cell.value = null));
      row.getCell(at.code).value = code(i);
      row.getCell(at.name).value = i === NO_NAME ? null : name(i);
      row.getCell(at.kind).value = kind;
      row.getCell(at.parent).value = i === NO_PARENT ? "99999" : commune.code;
      row.getCell(at.from).value = i === NO_SUCH_DAY ? "31/02/2026" : ddmmyyyy(legalDay(-30));
      row.commit();
    }
    await book.xlsx.writeFile(join(folder, "thon.xlsx"));
    await shot(page, "60-import-screen");
  });

  it("checks the file and shows the three errors by row and column", async () => {
    await upload(join(folder, "thon.xlsx"));
    await page.getByText("Có 3 lỗi. Tải tệp lỗi, sửa các ô được tô đỏ rồi tải tệp lên lại; hoặc chỉ nhập các dòng hợp lệ.").waitFor({ timeout: 60_000 });
    const errors = page.getByRole("table").last();
    for (const [i, header] of [
      [NO_PARENT, "Mã đơn vị cấp trên"],
      [NO_NAME, "Tên"],
      [NO_SUCH_DAY, "Ngày bắt đầu"],
    ] as const) {
      // The spreadsheet's row number: the header is row 1.
      await errors.getByRole("row").filter({ has: page.getByRole("cell", { name: String(i + 1), exact: true }) }).getByRole("cell", { name: header, exact: true }).waitFor();
    }
    await shot(page, "61-import-checked");
    const before = await admin<{ total: number }>("GET", `/units/${commune.id}/children?limit=1&include_total=true`);
    expect(before.body.total, "a check writes nothing").toBe(0);
  });

  it("imports the 297 valid rows", async () => {
    await page.getByRole("radio", { name: "Chỉ nhập 297 dòng hợp lệ, bỏ qua các dòng lỗi" }).check();
    await page.getByRole("button", { name: "Nhập dữ liệu" }).click();
    await page.getByText("Đã nhập xong.").waitFor({ timeout: 60_000 });
    const after = await admin<{ total: number }>("GET", `/units/${commune.id}/children?limit=1&include_total=true`);
    expect(after.body.total).toBe(villages - 3);
    await shot(page, "62-import-valid-rows");
  });

  it("fixes the three rows in the error file and imports it", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download("Tải tệp lỗi", "loi.xlsx"));
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount, "the header and the three rows in error").toBe(4);
    const at = { code: column(sheet, "Mã"), name: column(sheet, "Tên"), parent: column(sheet, "Mã đơn vị cấp trên"), from: column(sheet, "Ngày bắt đầu") };
    for (let r = 2; r <= 4; r++) {
      const row = sheet.getRow(r);
      const i = Number(String(row.getCell(at.code).value).slice(-3));
      if (i === NO_PARENT) row.getCell(at.parent).value = commune.code;
      else if (i === NO_NAME) row.getCell(at.name).value = name(i);
      else if (i === NO_SUCH_DAY) row.getCell(at.from).value = ddmmyyyy(legalDay(-30));
      else throw new Error(`row ${r} is not one of the rows in error: ${i}`);
      row.commit();
    }
    await book.xlsx.writeFile(join(folder, "loi-da-sua.xlsx"));
    await upload(join(folder, "loi-da-sua.xlsx"));
    await page.getByText("Cả 3 dòng đều hợp lệ.").waitFor({ timeout: 60_000 });
    await page.getByRole("button", { name: "Nhập dữ liệu" }).click();
    await page.getByText("Đã nhập xong.").waitFor({ timeout: 60_000 });
    const all = await admin<{ total: number }>("GET", `/units/${commune.id}/children?limit=1&include_total=true`);
    expect(all.body.total).toBe(villages);
    await shot(page, "63-import-fixed");
  });

  it("finds an imported village in the units tree, searched without diacritics", async () => {
    await page.getByRole("link", { name: "Đơn vị" }).click();
    const search = page.getByRole("searchbox", { name: /Tìm đơn vị/ });
    await search.fill(`thon nhap ${NO_NAME} ${run.toLowerCase()}`);
    await search.press("Enter");
    await page.getByRole("search").getByRole("button", { name: new RegExp(name(NO_NAME)) }).click();
    await page.getByRole("heading", { name: name(NO_NAME), level: 2 }).waitFor();
    await expect.poll(() => page.getByRole("treeitem", { name: new RegExp(name(NO_NAME)) }).getAttribute("aria-selected")).toBe("true");
    // Under the commune its rows named.
    const details = page.locator(".ant-card").filter({ has: page.getByRole("heading", { name: name(NO_NAME), level: 2 }) });
    await details.getByRole("link", { name: commune.name }).waitFor();
    await shot(page, "64-imported-village-in-tree");
  });
});
