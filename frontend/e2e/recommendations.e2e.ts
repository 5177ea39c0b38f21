import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { ddmmyyyy, legalDay, signInApi, type Api } from "./api";
import { fillDay, openBrowser, pick, shot } from "./browser";

/*
 * Issue 11's recommendation screens against the real API, in Vietnamese and English. The provincial
 * steering committee plans a team over three communes, records its findings and concludes it ten
 * days ago (set up through the API, as the team's own screens are walked by inspections.e2e.ts);
 * then, in the browser, it issues two recommendations: one to Thục Phán due in five days (a date),
 * one to Nùng Trí Cao due three calendar days after the conclusion, so already overdue. A commune
 * officer of Thục Phán (role `officer`: inspections:read and inspections:report) finds under
 * "Recommendations to us" only its own, starts it, files a progress report and reports it done; the
 * organiser verifies it from its board, where the other stays overdue.
 */
describe("inspection recommendations in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  let admin: Api;
  let organiser: Api;
  const baseURL = inject("baseURL");
  const run = Date.now().toString(36).toUpperCase();
  const password = "mat-khau-kien-nghi-2026";
  const provincial = `bcd-kn-${run.toLowerCase()}`;
  const officer = `cb-xa-kn-${run.toLowerCase()}`;
  const teams: Record<"vi" | "en", { id: string; title: string }> = {
    vi: { id: "", title: `Đoàn kiểm tra số 5 của Ban Chỉ đạo tỉnh ${run}` },
    en: { id: "", title: `Đoàn giám sát số 6 của Ban Chỉ đạo tỉnh ${run}` },
  };
  const soonText = (lang: string) => `Niêm yết công khai dự toán ngân sách xã tại nhà văn hóa các xóm ${lang} ${run}`;
  const lateText = (lang: string) => `Thành lập Ban giám sát đầu tư của cộng đồng ${lang} ${run}`;
  const units: Record<"province" | "thucPhan" | "nungTriCao" | "third", { id: string; name: string }> = {} as never;

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    const unit = async (code: string) => {
      const found = await admin<{ items: { id: string; name: string }[] }>("GET", `/units?code=${code}`);
      const u = found.body.items[0];
      if (!u) throw new Error(`unit ${code} is not among the official units`);
      return u;
    };
    units.province = await unit("04");
    units.thucPhan = await unit("01273");
    units.nungTriCao = await unit("01279");
    units.third = await unit("01339");
    for (const [username, fullName, unitId, role] of [
      [provincial, "Bế Thị Lan", units.province.id, "steering_committee"],
      [officer, "Nông Văn Hùng", units.thucPhan.id, "officer"],
    ] as const) {
      const res = await admin("POST", "/users", { username, full_name: fullName, password, unit_id: unitId, roles: [role] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    organiser = await signInApi(baseURL, provincial, password);
    const plan = await organiser<{ id: string }>("POST", "/inspections/plans", {
      year: Number(legalDay().slice(0, 4)),
      title: `Kế hoạch giám sát thực hiện dân chủ ở cơ sở ${run}`,
      kind: "annual",
      issuer: "provincial_steering_committee",
      document_number: `15/KH-BCĐ-${run}`,
      issued_on: legalDay(-40),
      organising_unit_id: units.province.id,
      topics: ["publicity_of_information", "people_supervise"],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    for (const [lang, kind] of [
      ["vi", "inspection"],
      ["en", "supervision"],
    ] as const) {
      const created = await organiser<{ id: string; targets: { id: string; unit_id: string }[] }>("POST", "/inspections/teams", {
        plan_id: plan.body.id,
        kind,
        title: teams[lang].title,
        organising_unit_id: units.province.id,
        planned_start: legalDay(-20),
        planned_end: legalDay(-12),
        topics: ["publicity_of_information", "people_supervise"],
        members: [{ full_name: "Lục Thị Hằng", position: "Phó Trưởng ban Dân vận Tỉnh ủy", role: "leader" }],
        target_unit_ids: [units.thucPhan.id, units.nungTriCao.id, units.third.id],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id;
      teams[lang].id = id;
      const move = async (body: Record<string, unknown>) => {
        const res = await organiser("POST", `/inspections/teams/${id}/transitions`, body);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      };
      await move({ action: "establish", effective_on: legalDay(-20), decision_number: `51/QĐ-BCĐ-${lang}` });
      await move({ action: "start", effective_on: legalDay(-18) });
      for (const t of created.body.targets) {
        const finding = await organiser("POST", `/inspections/teams/${id}/findings`, {
          target_id: t.id,
          topic: "publicity_of_information",
          severity: "moderate",
          description: `Chưa niêm yết đầy đủ (${t.unit_id.slice(0, 4)}) ${run}`,
        });
        expect(finding.status, JSON.stringify(finding.body)).toBe(201);
      }
      await move({ action: "report", effective_on: legalDay(-12) });
      await move({
        action: "conclude",
        effective_on: legalDay(-10),
        conclusion_number: `61/TB-BCĐ-${lang}`,
        conclusion_summary: `Các xã cơ bản thực hiện tốt công khai thông tin; còn chậm niêm yết dự toán ${run}`,
      });
    }
    ({ page, close } = await openBrowser(baseURL, inject("today")));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  type Words = {
    lang: "vi" | "en";
    signIn: { username: string; password: string; signIn: string; signOut: string };
    nav: string;
    recommendations: string;
    ours: string;
    board: string;
    issue: string;
    issueDialog: string;
    owner: string;
    content: string;
    dueByDays: string;
    dueOn: string;
    days: string;
    calendar: string;
    drawer: string;
    start: string;
    fileReport: string;
    reportText: string;
    submitReport: string;
    reportDone: string;
    verify: string;
    status: Record<"open" | "in_progress" | "reported_done" | "verified_closed", string>;
    overdue: string;
    dueSoon: string;
    fiveDaysLeft: string;
    overdueDays: (n: number) => string;
    openTeam: string;
  };
  const VI: Words = {
    lang: "vi",
    signIn: { username: "Tên đăng nhập", password: "Mật khẩu", signIn: "Đăng nhập", signOut: "Đăng xuất" },
    nav: "Kiểm tra, giám sát",
    recommendations: "Kiến nghị",
    ours: "Kiến nghị gửi đơn vị",
    board: "Kiến nghị",
    issue: "Ban hành kiến nghị",
    issueDialog: "Kiến nghị — ",
    owner: "Đơn vị thực hiện",
    content: "Nội dung kiến nghị",
    dueByDays: "Số ngày kể từ ngày kết luận",
    dueOn: "Hạn thực hiện (ngày)",
    days: "Số ngày",
    calendar: "Ngày lịch",
    drawer: "Kiến nghị",
    start: "Bắt đầu thực hiện",
    fileReport: "Báo cáo tiến độ",
    reportText: "Nội dung đã thực hiện",
    submitReport: "Gửi báo cáo",
    reportDone: "Báo cáo hoàn thành",
    verify: "Xác nhận hoàn thành",
    status: { open: "Chưa thực hiện", in_progress: "Đang thực hiện", reported_done: "Đã báo cáo hoàn thành", verified_closed: "Đã xác nhận hoàn thành" },
    overdue: "Quá hạn",
    dueSoon: "Sắp đến hạn",
    fiveDaysLeft: "còn 5 ngày",
    overdueDays: (n) => `quá hạn ${n} ngày`,
    openTeam: "Xem đoàn",
  };
  const EN: Words = {
    lang: "en",
    signIn: { username: "Username", password: "Password", signIn: "Sign in", signOut: "Sign out" },
    nav: "Inspections",
    recommendations: "Recommendations",
    ours: "Recommendations to us",
    board: "Recommendations",
    issue: "Issue a recommendation",
    issueDialog: "Recommendation — ",
    owner: "Owner unit",
    content: "Recommendation",
    dueByDays: "Days after the conclusion",
    dueOn: "Due date",
    days: "Days",
    calendar: "Calendar days",
    drawer: "Recommendation",
    start: "Start",
    fileReport: "Report progress",
    reportText: "What has been done",
    submitReport: "Send the report",
    reportDone: "Report done",
    verify: "Verify",
    status: { open: "Open", in_progress: "In progress", reported_done: "Reported done", verified_closed: "Verified closed" },
    overdue: "Overdue",
    dueSoon: "Due soon",
    fiveDaysLeft: "5 days left",
    overdueDays: (n) => `${n} days overdue`,
    openTeam: "Open the team",
  };

  const signIn = async (username: string, w: Words) => {
    await page.goto("/sign-in");
    await page.getByLabel(w.signIn.username).fill(username);
    await page.getByLabel(w.signIn.password).fill(password);
    await page.getByRole("button", { name: w.signIn.signIn }).click();
    await page.getByRole("button", { name: w.signIn.signOut }).waitFor();
  };
  const signOut = async (w: Words) => {
    await page.getByRole("button", { name: w.signIn.signOut }).click();
    await page.waitForURL("**/sign-in");
  };
  const drawer = (w: Words) => page.getByRole("dialog", { name: w.drawer, exact: true });
  /** One move from the drawer: its button, then its form's own button. */
  const move = async (w: Words, name: string) => {
    const d = drawer(w);
    await d.getByRole("button", { name, exact: true }).click();
    const form = d.getByRole("form", { name });
    await form.getByRole("button", { name, exact: true }).click();
    await form.waitFor({ state: "hidden" });
  };
  const recommendations = async (teamId: string) =>
    (
      await organiser<{ id: string; content: string; status: string; overdue: boolean; days_left: number | null; due_on: string }[]>(
        "GET",
        `/inspections/teams/${teamId}/recommendations`,
      )
    ).body;

  /** The organiser issues the two recommendations of the team's conclusion from its page. */
  const issue = async (w: Words) => {
    const team = teams[w.lang];
    await page.goto(`/inspections/teams/${team.id}`);
    await page.getByRole("heading", { name: team.title, level: 1 }).waitFor();
    const card = page.locator(".ant-card").filter({ has: page.getByText(w.recommendations, { exact: true }) });
    const issueOne = async (owner: string, content: string, due: { on: string } | { calendarDays: number }) => {
      await card.getByRole("button", { name: w.issue }).click();
      const form = page.getByRole("dialog", { name: new RegExp(`^${w.issueDialog}`) });
      await pick(page, form, w.owner, owner);
      await form.getByLabel(w.content, { exact: true }).fill(content);
      if ("on" in due) {
        await fillDay(form, w.dueOn, due.on);
      } else {
        await form.getByText(w.dueByDays, { exact: true }).click();
        await form.getByLabel(w.days, { exact: true }).fill(String(due.calendarDays));
        await form.getByText(w.calendar, { exact: true }).click();
      }
      await form.getByRole("button", { name: w.issue }).click();
      await form.waitFor({ state: "hidden" });
      await card.getByText(content, { exact: true }).waitFor();
    };
    await issueOne(units.thucPhan.name, soonText(w.lang), { on: legalDay(5) });
    await issueOne(units.nungTriCao.name, lateText(w.lang), { calendarDays: 3 });

    const saved = await recommendations(team.id);
    const late = saved.find((r) => r.content === lateText(w.lang))!;
    const soon = saved.find((r) => r.content === soonText(w.lang))!;
    expect(soon).toMatchObject({ status: "open", overdue: false, days_left: 5, due_on: legalDay(5) });
    expect(late).toMatchObject({ status: "open", overdue: true });
    const soonRow = card.getByRole("row").filter({ hasText: soonText(w.lang) });
    await soonRow.getByText(w.dueSoon, { exact: true }).waitFor();
    await soonRow.getByText(w.fiveDaysLeft, { exact: true }).waitFor();
    await soonRow.getByText(units.thucPhan.name, { exact: true }).waitFor();
    const lateRow = card.getByRole("row").filter({ hasText: lateText(w.lang) });
    await lateRow.getByText(w.overdue, { exact: true }).waitFor();
    await lateRow.getByText(w.overdueDays(-late.days_left!), { exact: true }).waitFor();
    await lateRow.getByText(ddmmyyyy(late.due_on), { exact: true }).waitFor();
    await shot(page, `${w.lang === "vi" ? 60 : 70}-team-recommendations`);
  };

  /** The commune's officer: its own recommendation only; start, a progress report, done. */
  const follow = async (w: Words) => {
    const team = teams[w.lang];
    await signIn(officer, w);
    await page.getByRole("link", { name: w.nav }).click();
    await page.getByRole("tab", { name: w.ours }).click();
    await page.waitForURL("**/inspections/recommendations/ours**");
    const row = page.getByRole("row").filter({ hasText: soonText(w.lang) });
    await row.waitFor();
    // Only what was asked of Thục Phán: not Nùng Trí Cao's.
    expect(await page.getByText(lateText(w.lang)).count()).toBe(0);
    expect(await page.getByText(lateText(w.lang === "vi" ? "en" : "vi")).count()).toBe(0);
    await shot(page, `${w.lang === "vi" ? 61 : 71}-recommendations-to-us`);

    await row.getByRole("button", { name: soonText(w.lang) }).click();
    const d = drawer(w);
    await d.getByText(w.status.open, { exact: true }).waitFor();
    // The organiser's moves are not the owner's.
    expect(await d.getByRole("button", { name: w.verify }).count()).toBe(0);
    await move(w, w.start);
    await d.locator(".ant-tag").getByText(w.status.in_progress, { exact: true }).waitFor();

    const progress = `Đã niêm yết tại 12/15 nhà văn hóa xóm ${w.lang} ${run}`;
    await d.getByRole("button", { name: w.fileReport, exact: true }).click();
    const form = d.getByRole("form", { name: w.fileReport });
    await form.getByLabel(w.reportText, { exact: true }).fill(progress);
    await form.getByRole("button", { name: w.submitReport }).click();
    await form.waitFor({ state: "hidden" });
    await d.getByText(progress, { exact: true }).waitFor();

    await move(w, w.reportDone);
    await d.locator(".ant-tag").getByText(w.status.reported_done, { exact: true }).waitFor();
    await d.getByText(w.reportDone, { exact: true }).first().waitFor();
    await shot(page, `${w.lang === "vi" ? 62 : 72}-reported-done`);

    // The team page shows the commune its own part: its recommendation, not the others'.
    await page.goto(`/inspections/teams/${team.id}`);
    await page.getByRole("heading", { name: team.title, level: 1 }).waitFor();
    await page.getByText(soonText(w.lang), { exact: true }).waitFor();
    expect(await page.getByText(lateText(w.lang)).count()).toBe(0);
    expect(await page.getByRole("button", { name: w.issue }).count()).toBe(0);
    await signOut(w);
  };

  /** The organiser verifies it from the board; the other stays overdue, and the board's filters live in the URL. */
  const verify = async (w: Words) => {
    const team = teams[w.lang];
    await signIn(provincial, w);
    await page.getByRole("link", { name: w.nav }).click();
    await page.getByRole("tab", { name: w.board, exact: true }).click();
    await page.waitForURL("**/inspections/recommendations");
    const soonRow = page.getByRole("row").filter({ hasText: soonText(w.lang) });
    const lateRow = page.getByRole("row").filter({ hasText: lateText(w.lang) });
    await soonRow.getByText(w.status.reported_done, { exact: true }).waitFor();
    await lateRow.getByText(w.overdue, { exact: true }).waitFor();
    await soonRow.getByRole("button", { name: soonText(w.lang) }).click();
    const d = drawer(w);
    await d.getByText(`Đã niêm yết tại 12/15 nhà văn hóa xóm ${w.lang} ${run}`).waitFor();
    expect(await d.getByRole("button", { name: w.start, exact: true }).count()).toBe(0);
    await move(w, w.verify);
    await d.locator(".ant-tag").getByText(w.status.verified_closed, { exact: true }).waitFor();
    await shot(page, `${w.lang === "vi" ? 63 : 73}-verified`);

    // The team's recommendations on the board (the team in the URL): the verified one, the overdue one.
    await page.goto(`/inspections/recommendations?team=${team.id}`);
    await soonRow.getByText(w.status.verified_closed, { exact: true }).waitFor();
    await lateRow.getByText(w.overdue, { exact: true }).waitFor();

    // Overdue only, of this team: the URL keeps the filters, and the verified one is gone.
    await page.goto(`/inspections/recommendations?overdue=1&team=${team.id}`);
    await lateRow.getByText(w.overdue, { exact: true }).waitFor();
    expect(await page.getByText(soonText(w.lang)).count()).toBe(0);
    await shot(page, `${w.lang === "vi" ? 64 : 74}-board-overdue`);
    await lateRow.getByRole("link").click();
    await page.getByRole("heading", { name: team.title, level: 1 }).waitFor();

    const saved = await recommendations(team.id);
    expect(saved.map((r) => [r.content, r.status, r.overdue])).toEqual([
      [lateText(w.lang), "open", true],
      [soonText(w.lang), "verified_closed", false],
    ]);
    await signOut(w);
  };

  it("the organiser issues two recommendations, the commune reports one done, the organiser verifies it; in Vietnamese", async () => {
    await signIn(provincial, VI);
    await issue(VI);
    await signOut(VI);
    await follow(VI);
    await verify(VI);
  });

  it("and in English", async () => {
    await signIn(provincial, VI);
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: EN.nav }).waitFor();
    await issue(EN);
    await signOut(EN);
    await follow(EN);
    await verify(EN);
  });

  it("the API refuses the commune what is not its own, as the screens show", async () => {
    const commune = await signInApi(baseURL, officer, password);
    const late = (await recommendations(teams.vi.id)).find((r) => r.content === lateText("vi"))!;
    // Not its unit's: it does not exist for the commune.
    expect((await commune("GET", `/inspections/recommendations/${late.id}`)).status).toBe(404);
    const own = (await commune<{ items: { content: string }[] }>("GET", "/inspections/recommendations")).body.items.map((r) => r.content);
    expect(own.sort()).toEqual([soonText("en"), soonText("vi")].sort());
  });
});
