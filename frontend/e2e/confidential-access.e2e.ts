import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { signInApi, type Api } from "./api";
import { openBrowser, shot } from "./browser";

/*
 * The steering committee's view of who may read denouncers' identities, against the real API: the
 * administrator (appointed grantor by the operator in the global setup) opens the holders screen and
 * finds a holder of the ward with the grant's date and grantor, then grants the right to a second
 * officer through the screen and revokes it again, each change confirmed.
 */
describe("confidential-access holders in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  let admin: Api;
  const baseURL = inject("baseURL");
  const run = Date.now().toString(36).toUpperCase();
  const holder = { username: `canbo-mat-${run.toLowerCase()}`, fullName: `Đinh Thị Mật ${run}` };
  const newcomer = { username: `canbo-moi-${run.toLowerCase()}`, fullName: `Hà Văn Mới ${run}` };

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    const units = await admin<{ items: { id: string; name: string }[] }>("GET", "/units?q=thuc%20phan");
    const ward = units.body.items.find((u) => u.name === "Phường Thục Phán");
    if (!ward) throw new Error("Phường Thục Phán is not among the official units");
    for (const [person, grants] of [
      [holder, ["petitions:confidential"]],
      [newcomer, []],
    ] as const) {
      const res = await admin("POST", "/users", {
        username: person.username,
        full_name: person.fullName,
        password: "mat-khau-can-bo-2026",
        unit_id: ward.id,
        roles: ["officer"],
        grants,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    ({ page, close } = await openBrowser(baseURL, inject("today")));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  const row = (username: string): Locator => page.getByRole("row").filter({ has: page.getByRole("cell", { name: username, exact: true }) });

  it("an administrator opens the holders screen and sees who holds the grant, since when and from whom", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Tên đăng nhập").fill(inject("username"));
    await page.getByLabel("Mật khẩu").fill(inject("password"));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Quản trị" }).click();
    await page.getByRole("tab", { name: "Tiếp cận thông tin mật" }).click();
    await page.getByRole("heading", { name: "Người được tiếp cận thông tin mật" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/admin/confidential-access");

    const held = row(holder.username);
    await held.getByRole("cell", { name: holder.fullName }).waitFor();
    await held.getByRole("cell", { name: "Phường Thục Phán" }).waitFor();
    await held.getByRole("cell", { name: "Đang hoạt động" }).waitFor();
    // The grant in force, from the audit log: given by the administrator when the account was made.
    await held.getByRole("cell", { name: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).first().waitFor();
    await held.getByRole("cell", { name: inject("username"), exact: true }).waitFor();
    // Someone without the grant is not listed.
    expect(await row(newcomer.username).count()).toBe(0);
    await page.getByText(/^\d+ kết quả$/).waitFor();
    await shot(page, "30-confidential-holders");
  });

  it("grants the right to an officer after a warning, and revokes it after a confirmation", async () => {
    await page.getByRole("button", { name: "Cấp quyền" }).click();
    const grant = page.getByRole("dialog", { name: "Cấp quyền: Xem danh tính người tố cáo" });
    await grant.getByText("Người được cấp sẽ xem được danh tính người tố cáo", { exact: false }).waitFor();
    await grant.getByLabel("Người được cấp").fill(newcomer.username);
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: `${newcomer.fullName} (${newcomer.username})` })
      .click();
    await shot(page, "31-grant-confidential");
    await grant.getByRole("button", { name: "Cấp quyền" }).click();
    await grant.waitFor({ state: "hidden" });
    await row(newcomer.username).getByRole("cell", { name: newcomer.fullName }).waitFor();

    await row(newcomer.username).getByRole("button", { name: "Thu hồi" }).click();
    const confirm = page.getByRole("tooltip").filter({ hasText: `Thu hồi quyền của ${newcomer.fullName}?` });
    await confirm.getByText("không còn xem được danh tính người tố cáo", { exact: false }).waitFor();
    await shot(page, "32-revoke-confidential");
    await confirm.getByRole("button", { name: "Thu hồi" }).click();
    await row(newcomer.username).waitFor({ state: "detached" });
    await row(holder.username).waitFor();

    // The API agrees: the newcomer holds nothing, and both acts are in the audit log.
    const users = await admin<{ items: { id: string; username: string; grants: string[] }[] }>("GET", `/users?q=${newcomer.username}`);
    const user = users.body.items.find((u) => u.username === newcomer.username)!;
    expect(user.grants).toEqual([]);
    const events = await admin<{ items: { action: string }[] }>("GET", `/audit-events?resource_type=user&resource_id=${user.id}`);
    expect(events.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(["user.grant", "user.revoke"]));
  });
});
