import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { ddmmyyyy, legalDay, signInApi, type Api } from "./api";
import { openBrowser, shot } from "./browser";

/*
 * Issue 11's screens against the real API, in Vietnamese and English: a member of the provincial
 * steering committee opens the plans list, follows a plan to its teams, opens a team and moves it
 * through establish → start, records findings at its targets, reports and concludes it with a
 * conclusion number and summary, and reads the timeline; then a steering-committee member of one
 * visited ward sees only the ward's own part of the team: its target and what was found there (a
 * commune officer following up a recommendation addressed to it: recommendations.e2e.ts).
 */
describe("inspection plans and teams in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  let admin: Api;
  const baseURL = inject("baseURL");
  const run = Date.now().toString(36).toUpperCase();
  const password = "mat-khau-ban-chi-dao-2026";
  const provincial = `bcd-tinh-${run.toLowerCase()}`;
  const wardMember = `bcd-phuong-${run.toLowerCase()}`;
  const planTitle = `Kế hoạch kiểm tra, giám sát thực hiện dân chủ ở cơ sở ${run}`;
  const teamVi = `Đoàn kiểm tra số 2 của Ban Chỉ đạo tỉnh ${run}`;
  const teamEn = `Đoàn giám sát số 3 của Ban Chỉ đạo tỉnh ${run}`;
  // What the ward's principal must not learn: the other ward visited, and what was found there.
  const elsewhere = `Chưa lập ban giám sát đầu tư của cộng đồng ${run}`;
  const atWard = `Chưa niêm yết công khai dự toán ngân sách phường ${run}`;
  const teamIds: Record<string, string> = {};

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    const unit = async (code: string) => {
      const found = await admin<{ items: { id: string; name: string }[] }>("GET", `/units?code=${code}`);
      const u = found.body.items[0];
      if (!u) throw new Error(`unit ${code} is not among the official units`);
      return u;
    };
    const province = await unit("04");
    const thucPhan = await unit("01273");
    const nungTriCao = await unit("01279");
    expect([thucPhan.name, nungTriCao.name]).toEqual(["Phường Thục Phán", "Phường Nùng Trí Cao"]);
    for (const [username, fullName, unitId] of [
      [provincial, "Nông Thị Thu", province.id],
      [wardMember, "Hà Văn Tuấn", thucPhan.id],
    ] as const) {
      const res = await admin("POST", "/users", { username, full_name: fullName, password, unit_id: unitId, roles: ["steering_committee"] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const plan = await admin<{ id: string }>("POST", "/inspections/plans", {
      year: Number(legalDay().slice(0, 4)),
      title: planTitle,
      kind: "annual",
      issuer: "provincial_steering_committee",
      document_number: `12/KH-BCĐ-${run}`,
      issued_on: legalDay(-30),
      organising_unit_id: province.id,
      topics: ["publicity_of_information", "people_supervise"],
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    for (const [title, kind] of [
      [teamVi, "inspection"],
      [teamEn, "supervision"],
    ] as const) {
      const team = await admin<{ id: string }>("POST", "/inspections/teams", {
        plan_id: plan.body.id,
        kind,
        title,
        organising_unit_id: province.id,
        planned_start: legalDay(-10),
        planned_end: legalDay(-3),
        topics: ["publicity_of_information", "people_supervise"],
        members: [
          { full_name: "Lục Thị Hằng", position: "Phó Trưởng ban Dân vận Tỉnh ủy", role: "leader" },
          { full_name: "Đàm Quang Vinh", organisation: "Văn phòng UBND tỉnh", role: "member" },
        ],
        target_unit_ids: [thucPhan.id, nungTriCao.id],
      });
      expect(team.status, JSON.stringify(team.body)).toBe(201);
      teamIds[title] = team.body.id;
    }
    ({ page, close } = await openBrowser(baseURL, inject("today")));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  const dialog = (name: string | RegExp) => page.getByRole("dialog", { name });
  const option = (title: string) => page.locator(".ant-select-dropdown:visible").getByTitle(title, { exact: true });
  const signIn = async (username: string, words: { username: string; password: string; signIn: string; signOut: string }) => {
    await page.goto("/sign-in");
    await page.getByLabel(words.username).fill(username);
    await page.getByLabel(words.password).fill(password);
    await page.getByRole("button", { name: words.signIn }).click();
    await page.getByRole("button", { name: words.signOut }).waitFor();
  };
  const team = async (id: string) =>
    (
      await admin<{
        status: string;
        decision_number: string | null;
        decision_date: string | null;
        decision_signer: string | null;
        actual_start: string | null;
        actual_end: string | null;
        conclusion_number: string | null;
        conclusion_date: string | null;
        conclusion_summary: string | null;
      }>("GET", `/inspections/teams/${id}`)
    ).body;

  /** The words of the screens the scenario goes through, in one language. */
  type Words = {
    nav: string;
    heading: string;
    plansTab: string;
    openTeams: string;
    statuses: Record<"planned" | "established" | "in_progress" | "reported" | "concluded", string>;
    actions: Record<"establish" | "start" | "report" | "conclude", string>;
    decisionNumber: string;
    decisionSigner: string;
    decisionOn: (number: string, date: string) => string;
    addFinding: string;
    findingDialog: string;
    topic: string;
    topicName: string;
    severity: string;
    description: string;
    save: string;
    conclusionNumber: string;
    conclusionSummary: string;
    timeline: string;
    recommendations: string;
    visit: { button: string; dialog: string; status: string; done: string; from: string; to: string; rating: string; good: string };
  };
  const VI: Words = {
    nav: "Kiểm tra, giám sát",
    heading: "Kiểm tra, giám sát",
    plansTab: "Kế hoạch",
    openTeams: "Xem các đoàn",
    statuses: {
      planned: "Dự kiến",
      established: "Đã thành lập",
      in_progress: "Đang tiến hành",
      reported: "Đã báo cáo",
      concluded: "Đã kết luận",
    },
    actions: { establish: "Thành lập đoàn", start: "Bắt đầu kiểm tra", report: "Báo cáo kết quả", conclude: "Kết luận" },
    decisionNumber: "Số quyết định thành lập đoàn",
    decisionSigner: "Người ký quyết định",
    decisionOn: (n, d) => `Số ${n} ngày ${d}`,
    addFinding: "Ghi nhận phát hiện",
    findingDialog: "Ghi nhận phát hiện",
    topic: "Nội dung",
    topicName: "Công khai thông tin",
    severity: "Nghiêm trọng",
    description: "Mô tả",
    save: "Lưu",
    conclusionNumber: "Số văn bản kết luận",
    conclusionSummary: "Nội dung kết luận",
    timeline: "Quá trình thực hiện",
    recommendations: "Kiến nghị",
    visit: {
      button: "Ghi kết quả làm việc",
      dialog: "Kết quả làm việc",
      status: "Tình trạng",
      done: "Đã kiểm tra",
      from: "Làm việc từ ngày",
      to: "Đến ngày",
      rating: "Xếp loại",
      good: "Tốt",
    },
  };
  const EN: Words = {
    nav: "Inspections",
    heading: "Inspection and supervision",
    plansTab: "Plans",
    openTeams: "Show its teams",
    statuses: { planned: "Planned", established: "Established", in_progress: "In progress", reported: "Reported", concluded: "Concluded" },
    actions: { establish: "Establish", start: "Start", report: "Report", conclude: "Conclude" },
    decisionNumber: "Establishing decision number",
    decisionSigner: "Decision signed by",
    decisionOn: (n, d) => `No. ${n} of ${d}`,
    addFinding: "Record a finding",
    findingDialog: "Record a finding",
    topic: "Topic",
    topicName: "Publicity of information",
    severity: "Moderate",
    description: "Description",
    save: "Save",
    conclusionNumber: "Conclusion number",
    conclusionSummary: "What the conclusion says",
    timeline: "History",
    recommendations: "Recommendations",
    visit: {
      button: "Record the visit",
      dialog: "The visit",
      status: "Visit",
      done: "Visited",
      from: "Visited from",
      to: "Visited to",
      rating: "Rating",
      good: "Good",
    },
  };

  const statusShown = (text: string) => page.locator(".ant-tag").getByText(text, { exact: true }).first().waitFor();

  /** One act through its form: the button on the page, the fields, the form's own button. */
  const act = async (w: Words, action: keyof Words["actions"], fields: [string, string][] = []) => {
    const name = w.actions[action];
    await page.getByRole("button", { name, exact: true }).click();
    const form = dialog(new RegExp(`^${name} — `));
    await form.waitFor();
    for (const [label, value] of fields) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole("button", { name, exact: true }).click();
    await form.waitFor({ state: "hidden" });
  };

  const recordFinding = async (w: Words, ward: string, severity: string, description: string) => {
    await page.getByRole("button", { name: `${w.addFinding}: ${ward}` }).click();
    const form = dialog(`${w.findingDialog} — ${ward}`);
    await form.getByLabel(w.topic, { exact: true }).click();
    await option(w.topicName).click();
    await form.getByText(severity, { exact: true }).click();
    await form.getByLabel(w.description, { exact: true }).fill(description);
    await form.getByRole("button", { name: w.save }).click();
    await form.waitFor({ state: "hidden" });
    await page.getByRole("region", { name: ward }).getByText(description).waitFor();
  };

  /** A visit's record: done, on two days, rated good. */
  const recordVisit = async (w: Words, ward: string) => {
    await page.getByRole("button", { name: `${w.visit.button}: ${ward}` }).click();
    const form = dialog(`${w.visit.dialog} — ${ward}`);
    await form.getByLabel(w.visit.status, { exact: true }).click();
    await option(w.visit.done).click();
    for (const [label, day] of [
      [w.visit.from, legalDay(-8)],
      [w.visit.to, legalDay(-7)],
    ] as const) {
      const input = form.getByLabel(label, { exact: true });
      await input.fill(ddmmyyyy(day));
      await input.press("Enter");
    }
    await form.getByLabel(w.visit.rating, { exact: true }).click();
    await option(w.visit.good).click();
    await form.getByRole("button", { name: w.save }).click();
    await form.waitFor({ state: "hidden" });
    const section = page.getByRole("region", { name: ward });
    await section.getByText(`${ddmmyyyy(legalDay(-8))} – ${ddmmyyyy(legalDay(-7))}`).waitFor();
    await section.locator(".ant-tag").getByText(w.visit.done, { exact: true }).waitFor();
    await section.locator(".ant-tag").getByText(w.visit.good, { exact: true }).waitFor();
  };

  /** The whole walk for one team, in one language; screenshots `prefix-…`. */
  const walk = async (w: Words, title: string, prefix: number) => {
    const id = teamIds[title]!;
    const decision = prefix === 40 ? "35/QĐ-BCĐ" : "36/QĐ-BCĐ";
    const conclusion = prefix === 40 ? "41/TB-BCĐ" : "42/TB-BCĐ";
    const summary = `Phường Thục Phán thực hiện tốt công khai thông tin; còn chậm niêm yết dự toán ngân sách ${run}`;

    await page.getByRole("link", { name: w.nav }).click();
    await page.getByRole("heading", { name: w.heading, level: 1 }).waitFor();
    await page.getByRole("tab", { name: w.plansTab }).click();
    await page.waitForURL("**/inspections/plans**");
    const planRow = page.getByRole("row").filter({ hasText: planTitle });
    await planRow.getByText(`12/KH-BCĐ-${run}`).waitFor();
    await shot(page, `${prefix}-plans`);
    await planRow.getByRole("link", { name: `${w.openTeams}: ${planTitle}` }).click();
    await page.waitForURL(/\/inspections\?plan=/);
    await page.getByRole("row").filter({ hasText: teamVi }).waitFor();
    await page.getByRole("row").filter({ hasText: teamEn }).waitFor();
    await shot(page, `${prefix + 1}-teams-of-plan`);
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await statusShown(w.statuses.planned);

    await act(w, "establish", [
      [w.decisionNumber, decision],
      [w.decisionSigner, "Hoàng Văn Khải"],
    ]);
    await statusShown(w.statuses.established);
    await page.getByText(w.decisionOn(decision, ddmmyyyy(legalDay()))).waitFor();
    await act(w, "start");
    await statusShown(w.statuses.in_progress);

    await recordVisit(w, "Phường Thục Phán");
    await recordFinding(w, "Phường Thục Phán", w.severity, `${atWard} (${prefix})`);
    await recordFinding(w, "Phường Nùng Trí Cao", w.severity, `${elsewhere} (${prefix})`);
    await shot(page, `${prefix + 2}-findings`);
    await act(w, "report");
    await statusShown(w.statuses.reported);
    await act(w, "conclude", [
      [w.conclusionNumber, conclusion],
      [w.conclusionSummary, summary],
    ]);
    await statusShown(w.statuses.concluded);
    await page.getByText(summary, { exact: true }).first().waitFor();
    // Findings rest as the conclusion found them: no more forms.
    expect(await page.getByRole("button", { name: new RegExp(w.addFinding) }).count()).toBe(0);
    await page.getByText(w.recommendations, { exact: true }).waitFor();

    const history = page.locator(".ant-card").filter({ has: page.getByText(w.timeline, { exact: true }) });
    for (const a of ["establish", "start", "report", "conclude"] as const) {
      await history.getByText(w.actions[a], { exact: true }).waitFor();
    }
    await history.getByText(decision, { exact: true }).waitFor();
    await history.getByText(conclusion, { exact: true }).waitFor();
    // Who acted: the account that signed in.
    await history.getByText(new RegExp(provincial)).first().waitFor();
    await shot(page, `${prefix + 3}-team-concluded`);

    const saved = await team(id);
    expect(saved).toMatchObject({
      status: "concluded",
      decision_number: decision,
      decision_date: legalDay(),
      decision_signer: "Hoàng Văn Khải",
      actual_start: legalDay(),
      actual_end: legalDay(),
      conclusion_number: conclusion,
      conclusion_date: legalDay(),
      conclusion_summary: summary,
    });
    const events = await admin<{ action: string }[]>("GET", `/inspections/teams/${id}/events`);
    expect(events.body.map((e) => e.action)).toEqual(["establish", "start", "report", "conclude"]);
  };

  it("the provincial steering committee walks a team from its plan to its conclusion, in Vietnamese", async () => {
    await signIn(provincial, { username: "Tên đăng nhập", password: "Mật khẩu", signIn: "Đăng nhập", signOut: "Đăng xuất" });
    await walk(VI, teamVi, 40);
  });

  it("and another in English", async () => {
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: EN.nav }).waitFor();
    await walk(EN, teamEn, 44);
  });

  it("a ward's steering committee sees only the ward's part of the team, in English and Vietnamese", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await signIn(wardMember, { username: "Username", password: "Password", signIn: "Sign in", signOut: "Sign out" });
    await page.getByRole("link", { name: EN.nav }).click();
    // Both teams visit the ward, so both are listed.
    await page.getByRole("row").filter({ hasText: teamEn }).waitFor();
    await page.getByRole("link", { name: teamVi }).click();
    await page.getByRole("heading", { name: teamVi, level: 1 }).waitFor();
    await page.getByText(/only the units visited inside it, and the findings there, are shown/).waitFor();
    await page.getByRole("region", { name: "Phường Thục Phán" }).getByText(`${atWard} (40)`).waitFor();
    await page.getByRole("region", { name: "Phường Thục Phán" }).locator(".ant-tag").getByText("Good", { exact: true }).waitFor();
    await page.getByText("41/TB-BCĐ", { exact: true }).first().waitFor();
    const expectOnlyOwnPart = async () => {
      expect(await page.getByRole("region", { name: "Phường Nùng Trí Cao" }).count()).toBe(0);
      const html = await page.content();
      expect(html).not.toContain("Nùng Trí Cao");
      expect(html).not.toContain(elsewhere);
      // Nothing to act on: only the organiser changes the team.
      expect(await page.getByRole("button", { name: /Record a finding|Ghi nhận phát hiện|Record the visit|Ghi kết quả làm việc|Close|Kết thúc/ }).count()).toBe(0);
    };
    await expectOnlyOwnPart();
    await shot(page, "48-ward-view-en");

    await page.getByRole("radiogroup", { name: /Language/ }).getByText("VI", { exact: true }).click();
    await page.getByText(/chỉ hiển thị các đơn vị được kiểm tra thuộc phạm vi của bạn/).waitFor();
    await page.getByText("Đơn vị được kiểm tra", { exact: true }).waitFor();
    await expectOnlyOwnPart();
    await shot(page, "49-ward-view-vi");

    // The API agrees: the ward reads only its findings, and may not move the team.
    const ward = await signInApi(baseURL, wardMember, password);
    const findings = await ward<{ description: string }[]>("GET", `/inspections/teams/${teamIds[teamVi]}/findings`);
    expect(findings.body.map((f) => f.description)).toEqual([`${atWard} (40)`]);
    const moved = await ward<{ code: string }>("POST", `/inspections/teams/${teamIds[teamVi]}/transitions`, { action: "close" });
    expect(moved.status).toBe(403);
    expect(moved.body.code).toBe("not_organiser");
  });
});
