import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { ddmmyyyy, legalDay, signInApi, type Api } from "./api";
import { openBrowser, opened, pick, shot } from "./browser";

/*
 * The petition and reception scenarios against the real API, through the screens, in
 * Vietnamese and English: (a) a complaint received at a reception session is accepted and its due
 * date shows; (b) a denunciation is extended twice and a third extension is neither offered nor
 * accepted by the API; (c) an officer without petitions:confidential never sees the denouncer's
 * name, and one with the grant sees it only after an explicit, audited "show".
 */
describe("petitions and citizen receptions in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  let admin: Api;
  const baseURL = inject("baseURL");
  const run = Date.now().toString(36).toUpperCase();
  const password = "mat-khau-can-bo-2026";
  const officer = `canbo-a-${run.toLowerCase()}`;
  const confidant = `canbo-b-${run.toLowerCase()}`;
  // What no screen may show an officer without the grant.
  const denouncer = { full_name: `Hoàng Thị Kín ${run}`, identity_number: "004190012345", phone: "0987654321" };
  const denunciationSubject = `Tố cáo cán bộ địa chính thu tiền trái phép ${run}`;
  const complaintSubject = `Khiếu nại quyết định thu hồi đất ${run}`;
  let wardId = "";
  let denunciationId = "";

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    const units = await admin<{ items: { id: string; name: string }[] }>("GET", "/units?q=thuc%20phan");
    const ward = units.body.items.find((u) => u.name === "Phường Thục Phán");
    if (!ward) throw new Error("Phường Thục Phán is not among the official units");
    wardId = ward.id;
    for (const [username, fullName, grants] of [
      [officer, "Lý Văn Bình", []],
      [confidant, "Triệu Thị Hoa", ["petitions:confidential"]],
    ] as const) {
      const res = await admin("POST", "/users", {
        username,
        full_name: fullName,
        password,
        unit_id: wardId,
        roles: ["officer"],
        grants,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const created = await admin<{ id: string }>("POST", "/petitions", {
      kind: "denunciation",
      channel: "mail",
      received_on: legalDay(),
      receiving_unit_id: wardId,
      subject: denunciationSubject,
      content: "Cán bộ địa chính phường thu tiền khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
      category: "officials_conduct",
      complex: true,
      petitioners: [{ ...denouncer, address: "Tổ 7, phường Thục Phán" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    denunciationId = created.body.id;
    ({ page, close } = await openBrowser(baseURL, inject("today")));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  const optionMatching = (text: RegExp) => page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter({ hasText: text });
  const pickDate = async (label: string, scope = page.locator("body"), value: string) => {
    const input = scope.getByLabel(label);
    await input.fill(value);
    await input.press("Enter");
  };
  /** Nothing that identifies the denouncer anywhere in the page, visible or not. */
  const expectNoDenouncer = async () => {
    const html = await page.content();
    for (const secret of [denouncer.full_name, "Hoàng Thị Kín", "Hoang Thi Kin", denouncer.identity_number, denouncer.phone]) {
      expect(html, `the page shows "${secret}"`).not.toContain(secret);
    }
  };
  const signIn = async (username: string) => {
    await page.goto("/sign-in");
    await page.getByLabel("Tên đăng nhập").fill(username);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    // Signed in: the shell names the person (the page may be the one visited before signing out).
    await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
  };
  const signOut = async (label: string) => {
    await page.getByRole("button", { name: label }).click();
    await page.waitForURL("**/sign-in");
  };
  const petition = async (id: string) =>
    (
      await admin<{
        due_on: string | null;
        reference: string;
        deadlines: { stage: string; due_on: string; ended_on: string | null; legal_basis: string }[];
      }>("GET", `/petitions/${id}`)
    ).body;

  it("(a) an officer records a reception session and sees the quota compliance in Vietnamese", async () => {
    await signIn(officer);
    await page.getByRole("link", { name: "Tiếp công dân" }).click();
    await page.getByRole("heading", { name: "Tiếp công dân", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Ghi nhận buổi tiếp" }).click();
    const form = await opened(page, "Ghi nhận buổi tiếp công dân");
    // Today and the officer's ward are already filled in.
    await form.getByText("Phường Thục Phán").first().waitFor();
    await form.getByLabel("Họ tên người chủ trì").fill("Nông Văn Hùng");
    await pick(page, form, "Chức vụ người chủ trì", "Chủ tịch UBND");
    await form.getByLabel("Địa điểm").fill("Trụ sở tiếp công dân UBND phường Thục Phán");
    await form.getByLabel("Số lượt công dân được tiếp").fill("3");
    await form.getByLabel("Số vụ việc").fill("1");
    await shot(page, "20-reception-form");
    await form.getByRole("button", { name: "Ghi nhận" }).click();
    await form.waitFor({ state: "hidden" });
    await page.getByRole("cell", { name: /Nông Văn Hùng/ }).waitFor();
    await page.getByRole("cell", { name: ddmmyyyy(legalDay()) }).first().waitFor();
    await shot(page, "21-receptions");

    await page.getByRole("tab", { name: "Thực hiện định mức tiếp công dân" }).click();
    await page.waitForURL("**/receptions/compliance**");
    const report = await admin<{ items: { unit: { id: string }; host_role: string; held_days: number; ratio: number | null }[] }>(
      "GET",
      `/receptions/compliance?within_unit_id=${wardId}&period=${legalDay().slice(0, 4)}`,
    );
    const chairman = report.body.items.find((r) => r.unit.id === wardId && r.host_role === "pc_chairman");
    expect(chairman?.held_days).toBe(1);
    const row = page.getByRole("row").filter({ hasText: "Phường Thục Phán" }).filter({ hasText: "Chủ tịch UBND" });
    // The ratio in Vietnamese: a decimal comma.
    const ratio = new Intl.NumberFormat("vi-VN", { style: "percent", maximumFractionDigits: 1 }).format(chairman!.ratio ?? 0);
    if (chairman!.ratio !== null) await row.getByRole("cell", { name: ratio, exact: true }).waitFor();
    await shot(page, "22-compliance");
  });

  let complaintId = "";

  it("(a) receives a complaint at that session, accepts it, and its due date appears", async () => {
    await page.getByRole("link", { name: "Đơn thư" }).click();
    await page.getByRole("heading", { name: "Đơn khiếu nại, tố cáo, kiến nghị, phản ánh" }).waitFor();
    await page.getByRole("button", { name: "Tiếp nhận đơn" }).click();
    const form = await opened(page, "Tiếp nhận đơn");
    // Choosing a denunciation says the denouncer's identity will be kept confidential.
    await form.getByText("Tố cáo", { exact: true }).click();
    await form.getByText("Danh tính người tố cáo sẽ được lưu riêng và bảo mật").waitFor();
    await form.getByText("Khiếu nại", { exact: true }).click();
    await form.getByText("Danh tính người tố cáo sẽ được lưu riêng và bảo mật").waitFor({ state: "hidden" });
    await form.getByLabel("Buổi tiếp công dân").click();
    await optionMatching(/Nông Văn Hùng/).first().click();
    await pickDate("Ngày biết được quyết định, hành vi bị khiếu nại", form, ddmmyyyy(legalDay(-20)));
    await form.getByLabel("Nội dung tóm tắt").fill(complaintSubject);
    await form.getByLabel("Nội dung đơn").fill("Ông An khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi 200 m² đất ở.");
    await pick(page, form, "Lĩnh vực", "Đất đai");
    const first = form.getByRole("group", { name: "Người thứ 1" });
    await first.getByLabel("Họ và tên").fill("Nguyễn Văn An");
    await first.getByLabel("Địa chỉ").fill("Tổ 5, phường Thục Phán");
    await shot(page, "23-petition-form");
    await form.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    // Likely duplicates would be offered first; a fresh database has none like it.
    await page.getByRole("heading", { name: /^Đơn số 01273-\d{4}-\d+$/ }).waitFor();
    complaintId = new URL(page.url()).pathname.split("/").pop()!;
    await page.getByText("Đã tiếp nhận", { exact: true }).first().waitFor();
    await page.getByRole("link", { name: /Nông Văn Hùng/ }).waitFor();

    await page.getByRole("button", { name: "Thụ lý", exact: true }).click();
    const accept = await opened(page, /^Thụ lý — đơn/);
    await accept.getByLabel("Số thông báo thụ lý").fill("01/TB-UBND");
    await accept.getByRole("button", { name: "Thụ lý", exact: true }).click();
    await accept.waitFor({ state: "hidden" });
    await page.getByText("Đã thụ lý", { exact: true }).first().waitFor();
    const accepted = await petition(complaintId);
    const settlement = accepted.deadlines.find((d) => d.stage === "settlement" && d.ended_on === null);
    expect(settlement).toBeTruthy();
    await page.getByText(`Hạn ${ddmmyyyy(accepted.due_on!)}`).waitFor();
    await page.getByRole("row").filter({ hasText: "Giải quyết" }).getByText(ddmmyyyy(settlement!.due_on)).waitFor();
    await page.getByRole("row").filter({ hasText: settlement!.legal_basis }).first().waitFor();
    await shot(page, "24-complaint-accepted");

    await page.getByRole("link", { name: "Danh sách đơn thư" }).click();
    const listed = page.getByRole("row").filter({ hasText: accepted.reference });
    await listed.getByText("Đã thụ lý").waitFor();
    await listed.getByText(ddmmyyyy(accepted.due_on!)).waitFor();
    await shot(page, "25-petitions-list");
  });

  it("(c) the officer without the grant never sees the denouncer: not in the list, the search or the case", async () => {
    await expectNoDenouncer();
    const search = page.getByRole("searchbox", { name: /Tìm theo số đơn/ });
    await search.fill("hoang thi kin");
    await search.press("Enter");
    await page.getByText("Không có đơn thư phù hợp với bộ lọc.").waitFor();
    await search.fill("thu tien trai phep");
    await search.press("Enter");
    await page.getByRole("link", { name: /^01273-/ }).first().waitFor();
    expect(new URL(page.url()).searchParams.get("q")).toBe("thu tien trai phep");
    await expectNoDenouncer();
    await page.getByRole("row").filter({ hasText: denunciationSubject }).getByRole("link").click();
    await page.getByText("Danh tính người tố cáo được bảo mật").waitFor();
    expect(await page.getByRole("button", { name: "Hiện danh tính" }).count()).toBe(0);
    await page.getByText("Tiếp nhận", { exact: true }).first().waitFor();
    await expectNoDenouncer();
  });

  it("(b) in English, the denunciation is accepted and extended twice, and a third extension is not offered", async () => {
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("EN", { exact: true }).click();
    await page.getByText("The denouncer's identity is confidential").waitFor();
    await page.getByRole("button", { name: "Accept", exact: true }).click();
    const accept = await opened(page, /^Accept — case/);
    await accept.getByRole("button", { name: "Accept", exact: true }).click();
    // A denunciation's acceptance is a written decision: its number is required.
    await accept.getByText("Required").first().waitFor();
    await accept.getByLabel("Acceptance notice number").fill("02/TB-UBND");
    await accept.getByRole("button", { name: "Accept", exact: true }).click();
    await accept.waitFor({ state: "hidden" });
    await page.getByText("Accepted", { exact: true }).first().waitFor();
    const before = (await petition(denunciationId)).deadlines.find((d) => d.stage === "settlement")!;

    for (const [i, number] of ["03/QĐ-UBND", "04/QĐ-UBND"].entries()) {
      await page.getByRole("button", { name: "Extend", exact: true }).click();
      const extend = await opened(page, /^Extend — case/);
      await extend.getByLabel("Extension decision number").fill(number);
      await extend.getByRole("button", { name: "Extend", exact: true }).click();
      await extend.waitFor({ state: "hidden" });
      await page.getByRole("listitem").filter({ hasText: number }).first().waitFor();
      const settlement = (await petition(denunciationId)).deadlines.find((d) => d.stage === "settlement")!;
      expect(settlement.due_on > before.due_on, `extension ${i + 1} moved the due date`).toBe(true);
      await page.getByRole("row").filter({ hasText: "Settlement" }).getByText(ddmmyyyy(settlement.due_on)).waitFor();
    }
    await page.getByRole("button", { name: "Verify", exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Extend", exact: true }).count()).toBe(0);
    await shot(page, "26-denunciation-extended-en");

    const third = await admin<{ code: string; allowed_actions: string[] }>("POST", `/petitions/${denunciationId}/transitions`, {
      action: "extend",
      decision_number: "05/QĐ-UBND",
    });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe("invalid_transition");
    expect(third.body.allowed_actions).not.toContain("extend");
    await expectNoDenouncer();
  });

  it("(c) nor in English lists and searches; the officer signs out", async () => {
    await page.getByRole("link", { name: "All cases" }).click();
    await page.getByRole("heading", { name: "Complaints, denunciations, petitions and reflections" }).waitFor();
    const search = page.getByRole("searchbox", { name: /Search reference/ });
    await search.fill("Hoàng Thị Kín");
    await search.press("Enter");
    await page.getByText("No case matches the filters.").waitFor();
    await search.fill("");
    await search.press("Enter");
    await page.getByRole("row").filter({ hasText: denunciationSubject }).waitFor();
    await expectNoDenouncer();
    await shot(page, "27-petitions-list-en");
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("VI", { exact: true }).click();
    await signOut("Đăng xuất");
  });

  it("(c) an officer with the grant sees the identity only after an explicit show, and the read is audited", async () => {
    await signIn(confidant);
    await page.goto(`/petitions?q=${encodeURIComponent("thu tien trai phep")}`);
    await page.getByRole("row").filter({ hasText: denunciationSubject }).getByRole("link").click();
    await page.getByText("Danh tính người tố cáo được bảo mật").waitFor();
    await page.getByText("Gia hạn", { exact: true }).first().waitFor();
    await expectNoDenouncer();
    await page.getByRole("button", { name: "Hiện danh tính" }).click();
    const confirm = await opened(page, "Xem danh tính người tố cáo?");
    await confirm.getByText(/Lần xem này sẽ được ghi vào nhật ký hệ thống/).waitFor();
    await confirm.getByRole("button", { name: "Xem và ghi nhật ký" }).click();
    await page.getByRole("cell", { name: denouncer.full_name }).waitFor();
    await page.getByRole("cell", { name: denouncer.identity_number }).waitFor();
    await shot(page, "28-identity-shown");
    const audit = await admin<{ items: { actor_name: string | null; resource_id: string | null }[] }>(
      "GET",
      `/audit-events?action=petition.identity_read&resource_id=${denunciationId}`,
    );
    expect(audit.body.items.map((e) => e.actor_name)).toContain(confidant);
    await page.getByRole("button", { name: "Ẩn danh tính" }).click();
    await page.getByRole("button", { name: "Hiện danh tính" }).waitFor();
    await page.getByRole("cell", { name: denouncer.full_name }).waitFor({ state: "detached" });
    await expectNoDenouncer();
    await signOut("Đăng xuất");
  });
});
