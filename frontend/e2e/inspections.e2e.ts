import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { ddmmyyyy, legalDay, signInApi, type Api } from "./api";
import { fillDay, openBrowser, option, pick, shot } from "./browser";

/*
 * Issue 11's screens against the real API, in Vietnamese and English: a member of the provincial
 * steering committee records a plan in the browser, forms a team over three communes from it (one
 * team in each language), follows the plan to its teams, opens a team and moves it through
 * establish → start, records a visit and findings at its targets, reports and concludes it with a
 * conclusion number and summary, and reads the timeline; the coverage screen then counts the visit
 * recorded. A steering-committee member of one visited ward sees only the ward's own part of the
 * team: its target and what was found there (a commune officer following up a recommendation
 * addressed to it: recommendations.e2e.ts).
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
  const planDocument = `12/KH-BCĐ-${run}`;
  const planTopics = ["publicity_of_information", "people_supervise"];
  const targets: { id: string; name: string; code: string }[] = [];
  const topicNames: Record<string, { vi: string; en: string }> = {};
  let provinceId = "";
  let planId = "";
  let provinceName = "";
  // The coverage screen's default period: the legal day's year.
  const year = legalDay().slice(0, 4);
  type Coverage = { totals: { visits: number; units_inspected: number }; items: { unit: { name: string }; visits: number }[] };
  let coverageBefore: Coverage;

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    const unit = async (code: string) => {
      const found = await admin<{ items: { id: string; name: string; code: string }[] }>("GET", `/units?code=${code}`);
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
    const baoLam = await unit("01290");
    expect(baoLam.name).toBe("Xã Bảo Lâm");
    targets.push(thucPhan, nungTriCao, baoLam);
    provinceId = province.id;
    provinceName = province.name;
    const listed = await admin<{ code: string; name_vi: string; name_en: string }[]>("GET", "/inspections/topics");
    for (const x of listed.body) topicNames[x.code] = { vi: x.name_vi, en: x.name_en };
    // What the coverage screen counted before this file recorded anything (other files may have).
    coverageBefore = (await admin<Coverage>("GET", `/inspections/coverage?within_unit_id=${province.id}&from=${year}-01-01&to=${year}-12-31`)).body;
    ({ page, close } = await openBrowser(baseURL, inject("today")));
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") await shot(page, "failed").catch(() => {});
  });

  afterAll(async () => {
    await close?.();
  });

  const dialog = (name: string | RegExp) => page.getByRole("dialog", { name });
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
    lang: "vi" | "en";
    nav: string;
    newPlan: string;
    planDrawer: string;
    plan: { title: string; documentNumber: string; issuedOn: string; issuer: string; issuerName: string; topics: string; create: string };
    formTeam: string;
    teamDrawer: string;
    teamForm: {
      title: string;
      kind: string;
      from: string;
      to: string;
      leader: string;
      name: string;
      position: string;
      organisation: string;
      addMember: string;
      member1: string;
      targets: string;
      create: string;
    };
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
    lang: "vi",
    nav: "Kiểm tra, giám sát",
    newPlan: "Thêm kế hoạch",
    planDrawer: "Thêm kế hoạch kiểm tra, giám sát",
    plan: {
      title: "Tên kế hoạch",
      documentNumber: "Số văn bản",
      issuedOn: "Ngày ban hành",
      issuer: "Cơ quan ban hành",
      issuerName: "Ban Chỉ đạo cấp tỉnh",
      topics: "Nội dung kiểm tra",
      create: "Thêm kế hoạch",
    },
    formTeam: "Lập đoàn",
    teamDrawer: "Thành lập đoàn kiểm tra, giám sát",
    teamForm: {
      title: "Tên đoàn",
      kind: "Loại đoàn",
      from: "Từ ngày",
      to: "Đến ngày",
      leader: "Trưởng đoàn",
      name: "Họ và tên",
      position: "Chức vụ",
      organisation: "Cơ quan",
      addMember: "Thêm thành viên",
      member1: "Thành viên thứ 1",
      targets: "Đơn vị được kiểm tra",
      create: "Thành lập đoàn",
    },
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
    lang: "en",
    nav: "Inspections",
    newPlan: "New plan",
    planDrawer: "New inspection and supervision plan",
    plan: {
      title: "Plan title",
      documentNumber: "Document number",
      issuedOn: "Issued on",
      issuer: "Issued by",
      issuerName: "Provincial steering committee",
      topics: "Topics checked",
      create: "Record the plan",
    },
    formTeam: "Form a team",
    teamDrawer: "Form an inspection or supervision team",
    teamForm: {
      title: "Team name",
      kind: "Kind of team",
      from: "From",
      to: "To",
      leader: "Leader",
      name: "Full name",
      position: "Position",
      organisation: "Organisation",
      addMember: "Add a member",
      member1: "Member 1",
      targets: "Units visited",
      create: "Form the team",
    },
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
    await pick(page, form, w.topic, w.topicName);
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
    await pick(page, form, w.visit.status, w.visit.done);
    for (const [label, day] of [
      [w.visit.from, legalDay(-8)],
      [w.visit.to, legalDay(-7)],
    ] as const) {
      const input = form.getByLabel(label, { exact: true });
      await input.fill(ddmmyyyy(day));
      await input.press("Enter");
    }
    await pick(page, form, w.visit.rating, w.visit.good);
    await form.getByRole("button", { name: w.save }).click();
    await form.waitFor({ state: "hidden" });
    const section = page.getByRole("region", { name: ward });
    await section.getByText(`${ddmmyyyy(legalDay(-8))} – ${ddmmyyyy(legalDay(-7))}`).waitFor();
    await section.locator(".ant-tag").getByText(w.visit.done, { exact: true }).waitFor();
    await section.locator(".ant-tag").getByText(w.visit.good, { exact: true }).waitFor();
  };

  /** A drawer by its title. */
  const drawer = (title: string) => page.getByRole("dialog").filter({ has: page.getByText(title, { exact: true }) });

  /** The plan recorded through its form, on the plans list (once, in Vietnamese). */
  const recordPlan = async (w: Words) => {
    await page.getByRole("button", { name: w.newPlan }).click();
    const form = drawer(w.planDrawer);
    await form.waitFor();
    await form.getByLabel(w.plan.title, { exact: true }).fill(planTitle);
    await form.getByLabel(w.plan.documentNumber, { exact: true }).fill(planDocument);
    await fillDay(form, w.plan.issuedOn, legalDay(-30));
    await pick(page, form, w.plan.issuer, w.plan.issuerName);
    for (const code of planTopics) await pick(page, form, w.plan.topics, topicNames[code]![w.lang]);
    await page.keyboard.press("Escape");
    await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
    await shot(page, "39-plan-form");
    await form.getByRole("button", { name: w.plan.create, exact: true }).click();
    await form.waitFor({ state: "hidden" });
    await page.getByRole("row").filter({ hasText: planTitle }).getByText(planDocument).waitFor();
    // The year, kind and organiser the form started with: the legal day's year, annual, the member's province.
    const plans = await admin<{ items: { id: string; year: number; kind: string; issuer: string; issued_on: string; organising_unit_id: string; topics: string[] }[] }>(
      "GET",
      `/inspections/plans?q=${encodeURIComponent(planDocument)}`,
    );
    expect(plans.body.items).toHaveLength(1);
    planId = plans.body.items[0]!.id;
    expect(plans.body.items[0]).toMatchObject({
      year: Number(year),
      kind: "annual",
      issuer: "provincial_steering_committee",
      issued_on: legalDay(-30),
      organising_unit_id: provinceId,
      topics: planTopics,
    });
  };

  /** A team over three communes formed from the plan's row; its page opens. */
  const formTeam = async (w: Words, title: string, kind: "inspection" | "supervision", prefix: number) => {
    const row = page.getByRole("row").filter({ hasText: planTitle });
    await row.getByRole("button", { name: `${w.formTeam}: ${planTitle}` }).click();
    const form = drawer(w.teamDrawer);
    await form.waitFor();
    await form.getByLabel(w.teamForm.title, { exact: true }).fill(title);
    if (kind === "supervision") {
      await pick(page, form, w.teamForm.kind, w === VI ? "Giám sát" : "Supervision");
    }
    await fillDay(form, w.teamForm.from, legalDay(-10));
    await fillDay(form, w.teamForm.to, legalDay(-3));
    const leader = form.getByRole("group", { name: w.teamForm.leader });
    await leader.getByLabel(w.teamForm.name, { exact: true }).fill("Lục Thị Hằng");
    await leader.getByLabel(w.teamForm.position, { exact: true }).fill("Phó Trưởng ban Dân vận Tỉnh ủy");
    await form.getByRole("button", { name: w.teamForm.addMember }).click();
    const member = form.getByRole("group", { name: w.teamForm.member1 });
    await member.getByLabel(w.teamForm.name, { exact: true }).fill("Đàm Quang Vinh");
    await member.getByLabel(w.teamForm.organisation, { exact: true }).fill("Văn phòng UBND tỉnh");
    // Three communes of the province, found by name inside the organiser's subtree.
    const picker = form.getByLabel(w.teamForm.targets, { exact: true });
    for (const u of targets) {
      const title = `${u.name} · ${u.code}`;
      for (let attempt = 1; ; attempt++) {
        await picker.click();
        await picker.fill(u.name.replace(/^(Phường|Xã) /, ""));
        await option(page, title).click();
        const shown = await form
          .getByTitle(title, { exact: true })
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
        if (shown) break;
        if (attempt === 3) throw new Error(`${title} could not be picked`);
      }
    }
    await page.keyboard.press("Escape");
    await page.locator(".ant-select-dropdown:visible").waitFor({ state: "hidden" });
    for (const u of targets) await form.getByText(`${u.name} · ${u.code}`, { exact: true }).waitFor();
    await shot(page, `${prefix}-team-form`);
    await form.getByRole("button", { name: w.teamForm.create, exact: true }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const id = /\/inspections\/teams\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    expect(id, page.url()).toBeTruthy();
    teamIds[title] = id!;
    const saved = await admin<{
      plan_id: string;
      kind: string;
      planned_start: string;
      planned_end: string;
      topics: string[];
      members: { full_name: string; role: string }[];
      targets: { unit_id: string }[];
    }>("GET", `/inspections/teams/${id}`);
    expect(saved.body).toMatchObject({
      kind,
      planned_start: legalDay(-10),
      planned_end: legalDay(-3),
      topics: planTopics,
      members: [
        { full_name: "Lục Thị Hằng", role: "leader" },
        { full_name: "Đàm Quang Vinh", role: "member" },
      ],
      targets: targets.map((u) => ({ unit_id: u.id })),
    });
  };

  /**
   * A correction made while someone else changed the record: the form says so and keeps what was
   * typed; shown the latest version, the correction is made again and saved (in English).
   */
  const correctPlanAfterConflict = async () => {
    await page.getByRole("row").filter({ hasText: planTitle }).getByRole("button", { name: `Edit: ${planTitle}` }).click();
    const form = drawer("Edit the inspection and supervision plan");
    // The form's own submit button, whatever icon it shows (twice in CI a step found no button named
    // exactly "Save" here after the conflict; a failure now lists the buttons it saw, diagnose.ts).
    const save = form.locator('button[type="submit"]');
    await form.getByLabel("Plan title", { exact: true }).waitFor();
    const meanwhile = await admin("PATCH", `/inspections/plans/${planId}`, { notes: `Bổ sung nội dung giám sát ${run}` });
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(200);
    await pick(page, form, "Kind of plan", "Thematic");
    await save.click();
    await form.getByText("Someone else has just changed this plan", { exact: true }).waitFor();
    await shot(page, "44-plan-conflict");
    await form.getByRole("button", { name: "Show the latest version" }).click();
    await form.getByTitle("Annual", { exact: true }).waitFor();
    await pick(page, form, "Kind of plan", "Thematic");
    await save.click();
    await form.waitFor({ state: "hidden" });
    await page.getByRole("row").filter({ hasText: planTitle }).getByText("Thematic", { exact: true }).waitFor();
    const saved = await admin<{ kind: string; notes: string | null }>("GET", `/inspections/plans/${planId}`);
    expect(saved.body).toMatchObject({ kind: "thematic", notes: `Bổ sung nội dung giám sát ${run}` });
  };

  const correctTeamAfterConflict = async (title: string) => {
    const id = teamIds[title]!;
    await page.getByRole("button", { name: "Edit the team" }).click();
    const form = drawer(`Edit the team — ${title}`);
    const save = page.getByRole("button", { name: "Save", exact: true });
    await form.getByLabel("Team name", { exact: true }).waitFor();
    const meanwhile = await admin("PATCH", `/inspections/teams/${id}`, { decision_signer: "Nông Thị Thu" });
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).toBe(200);
    await fillDay(form, "To", legalDay(-2));
    await save.click();
    await form.getByText("Someone else has just changed this team", { exact: true }).waitFor();
    await form.getByRole("button", { name: "Show the latest version" }).click();
    await form.getByLabel("Decision signed by", { exact: true }).and(page.locator('[value="Nông Thị Thu"]')).waitFor();
    await fillDay(form, "To", legalDay(-2));
    await save.click();
    await form.waitFor({ state: "hidden" });
    await page.getByText(`${ddmmyyyy(legalDay(-10))} – ${ddmmyyyy(legalDay(-2))}`).waitFor();
    const saved = await admin<{ planned_end: string; decision_signer: string | null }>("GET", `/inspections/teams/${id}`);
    expect(saved.body).toMatchObject({ planned_end: legalDay(-2), decision_signer: "Nông Thị Thu" });
  };

  /** The whole walk for one team, in one language; screenshots `prefix-…`. */
  const walk = async (w: Words, title: string, kind: "inspection" | "supervision", prefix: number) => {
    const decision = prefix === 40 ? "35/QĐ-BCĐ" : "36/QĐ-BCĐ";
    const conclusion = prefix === 40 ? "41/TB-BCĐ" : "42/TB-BCĐ";
    const summary = `Phường Thục Phán thực hiện tốt công khai thông tin; còn chậm niêm yết dự toán ngân sách ${run}`;

    await page.getByRole("link", { name: w.nav }).click();
    await page.getByRole("heading", { name: w.heading, level: 1 }).waitFor();
    await page.getByRole("tab", { name: w.plansTab }).click();
    await page.waitForURL("**/inspections/plans**");
    if (prefix === 40) await recordPlan(w);
    else await correctPlanAfterConflict();
    const planRow = page.getByRole("row").filter({ hasText: planTitle });
    await planRow.getByText(planDocument).waitFor();
    await shot(page, `${prefix}-plans`);
    await formTeam(w, title, kind, prefix);
    const id = teamIds[title]!;
    if (prefix === 44) await correctTeamAfterConflict(title);

    // Back to the plan, then down to its teams.
    await page.getByRole("link", { name: w.nav }).click();
    await page.getByRole("tab", { name: w.plansTab }).click();
    await planRow.getByRole("link", { name: `${w.openTeams}: ${planTitle}` }).click();
    await page.waitForURL(/\/inspections\?plan=/);
    for (const formed of Object.keys(teamIds)) await page.getByRole("row").filter({ hasText: formed }).waitFor();
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
    await walk(VI, teamVi, "inspection", 40);
  });

  it("and another in English", async () => {
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: EN.nav }).waitFor();
    await walk(EN, teamEn, "supervision", 44);
  });

  it("the coverage screen counts the visits recorded, in English and Vietnamese", async () => {
    // The visits this file recorded, as the API counts them: a target visited (in progress or done)
    // whose first day lies in the year shown.
    let recorded = 0;
    for (const id of Object.values(teamIds)) {
      const t = await admin<{ actual_start: string | null; targets: { status: string; visited_from: string | null }[] }>(
        "GET",
        `/inspections/teams/${id}`,
      );
      for (const x of t.body.targets) {
        const first = x.visited_from ?? t.body.actual_start;
        if ((x.status === "in_progress" || x.status === "done") && first?.startsWith(year)) recorded += 1;
      }
    }
    // The visit of the walk is dated 8 days back: in the year shown unless the legal day is in early January.
    if (legalDay(-8).startsWith(year)) expect(recorded).toBeGreaterThan(0);
    const after = (await admin<Coverage>("GET", `/inspections/coverage?within_unit_id=${provinceId}&from=${year}-01-01&to=${year}-12-31`)).body;
    expect(after.totals.visits).toBe(coverageBefore.totals.visits + recorded);
    expect(after.totals.units_inspected).toBeGreaterThanOrEqual(coverageBefore.totals.units_inspected);
    expect(after.totals.units_inspected).toBeLessThanOrEqual(coverageBefore.totals.units_inspected + recorded);

    const card = (title: string) =>
      page.getByRole("listitem").filter({ has: page.getByText(title, { exact: true }) }).locator(".ant-statistic-content");
    const expectCards = async (visits: string, units: string) => {
      await card(visits).getByText(String(after.totals.visits), { exact: true }).waitFor();
      await card(units).getByText(String(after.totals.units_inspected), { exact: true }).waitFor();
    };
    await page.getByRole("link", { name: EN.nav }).click();
    await page.getByRole("tab", { name: "Coverage" }).click();
    await page.waitForURL("**/inspections/coverage**");
    // The member's own province over the current year, by default.
    await page.getByRole("heading", { name: provinceName, level: 2 }).waitFor();
    await page.getByText(`From 01/01/${year} to 31/12/${year}`).waitFor();
    await expectCards("Visits", "Units inspected");
    await shot(page, "50-coverage-en");

    await page.getByRole("radiogroup", { name: /Language/ }).getByText("VI", { exact: true }).click();
    await page.getByText(`Từ 01/01/${year} đến 31/12/${year}`).waitFor();
    await expectCards("Lượt kiểm tra", "Đơn vị được kiểm tra");
    await shot(page, "51-coverage-vi");
    // A child's name re-opens the screen on it.
    const ward = targets[0]!;
    await page.getByRole("button", { name: `Xem mức độ bao phủ của ${ward.name}` }).click();
    await page.getByRole("heading", { name: ward.name, level: 2 }).waitFor();
    await page.waitForURL(new RegExp(`unit=${ward.id}`));
    await shot(page, "52-coverage-ward-vi");
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: EN.nav }).waitFor();
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
