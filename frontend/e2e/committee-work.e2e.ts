import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { legalDay, signInApi, type Api } from "./api";
import { fillDay, openBrowser, opened, pick, shot } from "./browser";

/*
 * Issue 12's committee work in the browser, against the real API, in Vietnamese and English. In each
 * language a commune of Cao Bằng has a People's Inspection Committee in term (set up through the
 * API), and one of its members, signed in, records on the committee page:
 * - an inspection whose plan was sent 3 working days ahead, flagged late with the rule and its
 *   article (Decree 59/2023/NĐ-CP, Art. 14: 5 working days), and a supervision whose plan was sent
 *   5 working days ahead, not flagged. The days are picked on the shared working-day calendar
 *   (`GET /calendar/due-date`): the API counts the working days after the day sent up to and
 *   including the planned day;
 * - a recommendation to the commune, the authority's answer, and its close; then, holding
 *   petitions:write too (the officer's role), turns it into a petition and follows the link to the
 *   petition's page, which names the recommendation as its source;
 * then opens the projects list, a project of the commune (located in a neighbouring commune too,
 * outside the member's jurisdiction: both listed, and an edit of its investor saved all the same,
 * since only what changed is sent) and its board (CISB), which leads to the board's page.
 */
describe("a committee's activities, recommendations and projects in the browser", () => {
  let page: Page;
  let close: () => Promise<void>;
  let admin: Api;
  const baseURL = inject("baseURL");
  const run = Date.now().toString(36).toUpperCase();
  const password = "mat-khau-ban-ttnd-2026";
  type Lang = "vi" | "en";
  type Setup = { commune: string; user: string; committee: string; committeeName: string; project: string; board: string; neighbour: { name: string; code: string } };
  const setups = {} as Record<Lang, Setup>;
  // The day the plans were sent, and the planned days 3 and 5 working days after it (calendar API).
  let sentOn = "";
  let lateOn = "";
  let onTimeOn = "";

  beforeAll(async () => {
    admin = await signInApi(baseURL, inject("username"), inject("password"));
    sentOn = legalDay(-12);
    const due = async (days: number) =>
      (await admin<{ due_on: string }>("GET", `/calendar/due-date?start=${sentOn}&days=${days}&basis=working`)).body.due_on;
    lateOn = await due(3);
    onTimeOn = await due(5);
    expect(lateOn < onTimeOn).toBe(true);

    const province = (await admin<{ items: { id: string }[] }>("GET", "/units?code=04")).body.items[0];
    if (!province) throw new Error("Tỉnh Cao Bằng is not among the official units");
    const children = await admin<{ items: { id: string; name: string; code: string; kind: string }[] }>(
      "GET",
      `/units/${province.id}/children?limit=200`,
    );
    // Communes the other browser tests leave alone (committees.e2e.ts takes the last two free ones).
    const free = children.body.items.filter((u) => ["commune", "ward"].includes(u.kind) && !["01273", "01279", "01339"].includes(u.code));
    if (free.length < 5) throw new Error("five communes of Cao Bằng are needed");
    // A project's second location: a commune no browser test signs in to.
    const neighbour = free[free.length - 5]!;
    for (const [lang, unit] of [
      ["vi", free[free.length - 3]!],
      ["en", free[free.length - 4]!],
    ] as const) {
      const user = `ttnd-hd-${lang}-${run.toLowerCase()}`;
      // The officer's role brings petitions:write: a recommendation can become a petition.
      const u = await admin("POST", "/users", { username: user, full_name: "Nông Thị Huyền", password, unit_id: unit.id, roles: ["committee_member", "officer"] });
      expect(u.status, JSON.stringify(u.body)).toBe(201);
      const committeeName = `Ban TTND ${unit.name} ${run} ${lang}`;
      const c = await admin<{ id: string }>("POST", "/committees", {
        unit_id: unit.id,
        kind: "people_inspection",
        name: committeeName,
        established_on: legalDay(-60),
      });
      expect(c.status, JSON.stringify(c.body)).toBe(201);
      const term = await admin("POST", `/committees/${c.body.id}/terms`, { starts_on: legalDay(-60), planned_end_on: legalDay(5 * 365) });
      expect(term.status, JSON.stringify(term.body)).toBe(201);
      const projectName = `Đường giao thông nông thôn ${unit.name} ${run} ${lang}`;
      const p = await admin<{ id: string }>("POST", "/committees/projects", {
        name: projectName,
        investor: `UBND ${unit.name}`,
        capital_source: "state_budget",
        total_investment: 2_500_000_000,
        location_unit_ids: [unit.id, neighbour.id],
        starts_on: legalDay(-40),
        planned_end_on: legalDay(200),
      });
      expect(p.status, JSON.stringify(p.body)).toBe(201);
      const board = `Ban GSĐTCCĐ ${projectName}`;
      const b = await admin("POST", "/committees", { unit_id: unit.id, kind: "investment_supervision", name: board, project_id: p.body.id, established_on: legalDay(-30) });
      expect(b.status, JSON.stringify(b.body)).toBe(201);
      setups[lang] = { commune: unit.name, user, committee: c.body.id, committeeName, project: projectName, board, neighbour: { name: neighbour.name, code: neighbour.code } };
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
    signOut: string;
    addActivity: string;
    kind: string;
    inspection: string;
    supervision: string;
    title: string;
    subjectKind: string;
    communeAuthority: string;
    plannedOn: string;
    noticeSentOn: string;
    save: string;
    late: string;
    onTime: string;
    workingDays: (n: number) => string;
    noticeAfterActivity: string;
    addRecommendation: string;
    content: string;
    recordAnswer: string;
    answer: string;
    partly: string;
    measures: string;
    answered: string;
    close: string;
    followUp: string;
    closed: string;
    toPetition: string;
    category: string;
    other: string;
    openPetition: string;
    externalRef: string;
    projectsNav: string;
    board: string;
    stateBudget: string;
    location: string;
    main: string;
    editProject: string;
    editProjectTitle: string;
    investor: string;
    further: string;
  };
  const VI: Words = {
    signOut: "Đăng xuất",
    addActivity: "Thêm kế hoạch, hoạt động",
    kind: "Loại",
    inspection: "Kiểm tra",
    supervision: "Giám sát",
    title: "Tên kế hoạch, hoạt động",
    subjectKind: "Đối tượng giám sát, kiểm tra",
    communeAuthority: "Chính quyền cấp xã",
    plannedOn: "Ngày dự kiến",
    noticeSentOn: "Ngày gửi kế hoạch",
    save: "Lưu",
    late: "Gửi kế hoạch muộn",
    onTime: "Đúng hạn",
    workingDays: (n) => `trước ${n} ngày làm việc`,
    noticeAfterActivity: "Kế hoạch phải được gửi trước ngày tiến hành",
    addRecommendation: "Thêm kiến nghị",
    content: "Nội dung kiến nghị",
    recordAnswer: "Ghi nhận trả lời",
    answer: "Trả lời của cơ quan",
    partly: "Tiếp thu một phần",
    measures: "Biện pháp xử lý",
    answered: "Đã trả lời",
    close: "Kết thúc theo dõi",
    followUp: "Kết quả theo dõi",
    closed: "Đã kết thúc",
    toPetition: "Chuyển thành đơn kiến nghị",
    category: "Lĩnh vực",
    other: "Khác",
    openPetition: "Xem đơn",
    externalRef: "Mã ở hệ thống khác",
    projectsNav: "Dự án đầu tư",
    board: "Ban Giám sát đầu tư của cộng đồng",
    stateBudget: "Ngân sách nhà nước",
    location: "Địa điểm",
    main: "(chính)",
    editProject: "Sửa dự án",
    editProjectTitle: "Sửa thông tin dự án",
    investor: "Chủ đầu tư",
    further: "Địa điểm khác 1",
  };
  const EN: Words = {
    signOut: "Sign out",
    addActivity: "Add a plan or activity",
    kind: "Kind",
    inspection: "Inspection",
    supervision: "Supervision",
    title: "Title",
    subjectKind: "Subject of the activity",
    communeAuthority: "Commune authority",
    plannedOn: "Planned on",
    noticeSentOn: "Plan sent on",
    save: "Save",
    late: "Late notice",
    onTime: "On time",
    workingDays: (n) => `${n} working days ahead`,
    noticeAfterActivity: "The plan is sent before the activity",
    addRecommendation: "Add a recommendation",
    content: "Recommendation",
    recordAnswer: "Record the answer",
    answer: "Authority's answer",
    partly: "Partly accepted",
    measures: "Measures",
    answered: "Answered",
    close: "Close",
    followUp: "Follow-up",
    closed: "Closed",
    toPetition: "Turn into a petition",
    category: "Category",
    other: "Other",
    openPetition: "Open the petition",
    externalRef: "Reference in another system",
    projectsNav: "Investment projects",
    board: "Community investment supervision board",
    stateBudget: "State budget",
    location: "Location",
    main: "(main)",
    editProject: "Edit project",
    editProjectTitle: "Edit project",
    investor: "Investor",
    further: "Further location 1",
  };

  const activities = () => page.getByRole("table", { name: /Hoạt động giám sát, kiểm tra|Supervision and inspection activities/ });
  const recommendations = () => page.getByRole("table", { name: /Kiến nghị với cơ quan có thẩm quyền|Recommendations to the authority/ });

  /** One activity through the form; with `noticeFirst`, that notice is tried first and its refusal (422) expected on the field. */
  const addActivity = async (w: Words, kind: string, title: string, plannedOn: string, noticeFirst?: string) => {
    await page.getByRole("button", { name: w.addActivity, exact: true }).click();
    const form = await opened(page, w.addActivity);
    await pick(page, form, w.kind, kind);
    await form.getByLabel(w.title, { exact: true }).fill(title);
    await pick(page, form, w.subjectKind, w.communeAuthority);
    await fillDay(form, w.plannedOn, plannedOn);
    if (noticeFirst) {
      await fillDay(form, w.noticeSentOn, noticeFirst);
      await form.getByRole("button", { name: w.save }).click();
      await form.getByText(w.noticeAfterActivity, { exact: false }).waitFor();
      expect(await activities().getByRole("row").filter({ hasText: title }).count()).toBe(0);
    }
    await fillDay(form, w.noticeSentOn, sentOn);
    await form.getByRole("button", { name: w.save }).click();
    await form.waitFor({ state: "hidden" });
    return activities().getByRole("row").filter({ hasText: title });
  };

  const walk = async (lang: Lang, w: Words, prefix: number) => {
    const s = setups[lang];
    await page.goto(`/committees/${s.committee}`);
    await page.getByRole("heading", { name: s.committeeName, level: 1 }).waitFor();

    // A plan said to be sent after the activity is refused on its field (422 notice_after_activity);
    // sent 3 working days ahead, it is recorded and flagged, with the rule and its article.
    const lateTitle = `Kiểm tra công khai ngân sách ${lang} ${run}`;
    const late = await addActivity(w, w.inspection, lateTitle, lateOn, onTimeOn);
    await late.getByText(w.late, { exact: true }).waitFor();
    await late.getByText(w.workingDays(3), { exact: false }).waitFor();
    const rule = await late.getByText("Nghị định 59/2023/NĐ-CP, Điều 14", { exact: false }).first().textContent();
    expect(rule).toContain("5");
    expect(rule).toContain("pic-activity-notice");
    // The plan sent 5 working days ahead: on time.
    const onTimeTitle = `Giám sát dự toán ngân sách ${lang} ${run}`;
    const onTime = await addActivity(w, w.supervision, onTimeTitle, onTimeOn);
    await onTime.getByText(w.onTime, { exact: true }).waitFor();
    await onTime.getByText(w.workingDays(5), { exact: false }).waitFor();
    expect(await onTime.getByText(w.late, { exact: true }).count()).toBe(0);
    await shot(page, `${prefix}-activities-late-notice`);

    const api = await signInApi(baseURL, s.user, password);
    const listed = await api<{ items: { title: string; notice_working_days: number; notice_late: boolean; notice_legal_basis: string }[] }>(
      "GET",
      `/committees/${s.committee}/activities`,
    );
    expect(listed.body.items.find((a) => a.title === lateTitle)).toMatchObject({ notice_working_days: 3, notice_late: true });
    expect(listed.body.items.find((a) => a.title === onTimeTitle)).toMatchObject({ notice_working_days: 5, notice_late: false });

    // The minutes of the on-time activity, a small PDF attached on its row: listed with their type and
    // size, and kept by the API as sent (the type read from the content).
    const fileWords = lang === "vi" ? { files: "Tệp đính kèm", attach: "Đính kèm tệp" } : { files: "Attached files", attach: "Attach a file" };
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    const minutes = `bien-ban-giam-sat-${lang}-${run.toLowerCase()}.pdf`;
    await onTime.getByRole("button", { name: fileWords.files }).click();
    await onTime.getByRole("button", { name: fileWords.attach }).waitFor();
    await onTime.locator("input[type=file]").setInputFiles({ name: minutes, mimeType: "application/pdf", buffer: pdf });
    await onTime.getByText(minutes, { exact: true }).waitFor();
    await onTime.getByText(`PDF · ${pdf.length} B`, { exact: false }).waitFor();
    await shot(page, `${prefix}-activity-files`);
    const onTimeId = (await api<{ items: { id: string; title: string }[] }>("GET", `/committees/${s.committee}/activities`)).body.items.find(
      (a) => a.title === onTimeTitle,
    )?.id;
    const files = await api<{ filename: string; size: number; content_type: string }[]>(
      "GET",
      `/committees/${s.committee}/activities/${onTimeId}/attachments`,
    );
    expect(files.body).toMatchObject([{ filename: minutes, size: pdf.length, content_type: "application/pdf" }]);

    // A recommendation to the commune, answered, then closed.
    const content = `Đề nghị UBND xã niêm yết dự toán tại nhà văn hóa các xóm (${lang} ${run})`;
    await page.getByRole("button", { name: w.addRecommendation, exact: true }).click();
    const form = await opened(page, w.addRecommendation);
    await form.getByLabel(w.content, { exact: true }).fill(content);
    await form.getByRole("button", { name: w.save }).click();
    await form.waitFor({ state: "hidden" });
    const rec = recommendations().getByRole("row").filter({ hasText: content });
    await rec.getByText(s.commune, { exact: true }).waitFor();
    await rec.getByRole("button", { name: w.recordAnswer }).click();
    const answer = await opened(page, w.recordAnswer);
    await pick(page, answer, w.answer, w.partly);
    await answer.getByLabel(w.measures, { exact: true }).fill("Niêm yết tại 4/7 nhà văn hóa xóm trong tháng này");
    await answer.getByRole("button", { name: w.save }).click();
    await answer.waitFor({ state: "hidden" });
    await rec.getByText(w.answered, { exact: true }).waitFor();
    await rec.getByText(w.partly, { exact: false }).waitFor();
    await rec.getByRole("button", { name: w.close }).click();
    const closing = await opened(page, w.close);
    await closing.getByLabel(w.followUp, { exact: true }).fill("Đã niêm yết đủ 7/7 xóm");
    await closing.getByRole("button", { name: w.save }).click();
    await closing.waitFor({ state: "hidden" });
    await rec.getByText(w.closed, { exact: true }).waitFor();
    await shot(page, `${prefix + 1}-recommendation-closed`);
    const recs = await api<{ items: { id: string; content: string; status: string; answer: string }[] }>("GET", `/committees/${s.committee}/recommendations`);
    const closed = recs.body.items.find((r) => r.content === content);
    expect(closed).toMatchObject({ status: "closed", answer: "partly_accepted" });

    // Closed, it still becomes a petition (the API refuses only a second turn): received by the
    // commune, then its page names the recommendation as its source.
    await rec.getByRole("button", { name: w.toPetition }).click();
    const turning = await opened(page, w.toPetition);
    await pick(page, turning, w.category, w.other);
    await turning.getByRole("button", { name: w.save }).click();
    await turning.waitFor({ state: "hidden" });
    const petitionId = (await api<{ petition_id: string }>("GET", `/committees/${s.committee}/recommendations/${closed!.id}`)).body.petition_id;
    expect(petitionId).toBeTruthy();
    await rec.getByRole("link", { name: w.openPetition }).click();
    await page.waitForURL(`**/petitions/${petitionId}`);
    await page.getByText(w.externalRef, { exact: true }).waitFor();
    await page.getByText(`qcdc-committee-recommendation · ${closed!.id}`, { exact: true }).waitFor();
    await page.getByText(content, { exact: true }).first().waitFor();
    await shot(page, `${prefix + 1}-recommendation-petition`);

    // The projects list, the commune's project and its board, which leads to the board's page.
    await page.getByRole("link", { name: w.projectsNav, exact: true }).click();
    await page.waitForURL("**/projects");
    await page.getByRole("link", { name: s.project, exact: true }).click();
    await page.getByRole("heading", { name: s.project, level: 1 }).waitFor();
    await page.getByText(w.board, { exact: true }).first().waitFor();
    await page.getByText(w.stateBudget, { exact: true }).waitFor();
    const locations = page.getByRole("list", { name: w.location });
    await locations.getByRole("listitem").filter({ hasText: s.commune }).getByText(w.main, { exact: false }).waitFor();
    await locations.getByRole("listitem").filter({ hasText: s.neighbour.name }).waitFor();
    // The neighbouring commune is outside the member's jurisdiction: the edit sends only the investor.
    await page.getByRole("button", { name: w.editProject }).click();
    const edit = await opened(page, w.editProjectTitle);
    await edit.getByText(w.further, { exact: true }).first().waitFor();
    await edit.getByTitle(`${s.neighbour.name} · ${s.neighbour.code}`, { exact: true }).waitFor();
    await edit.getByLabel(w.investor, { exact: true }).fill(`Ban quản lý dự án ${s.commune}`);
    await edit.getByRole("button", { name: w.save }).click();
    await edit.waitFor({ state: "hidden" });
    await page.getByText(`Ban quản lý dự án ${s.commune}`, { exact: true }).waitFor();
    await shot(page, `${prefix + 2}-project-board`);
    await page.getByRole("link", { name: s.board }).click();
    await page.getByRole("heading", { name: s.board, level: 1 }).waitFor();
  };

  it("a committee member records the committee's work, in Vietnamese", async () => {
    await page.goto("/sign-in");
    await page.getByLabel("Tên đăng nhập").fill(setups.vi.user);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: VI.signOut }).waitFor();
    await walk("vi", VI, 90);
    await page.getByRole("button", { name: VI.signOut }).click();
    await page.waitForURL("**/sign-in");
  });

  it("and in English", async () => {
    await page.getByLabel("Tên đăng nhập").fill(setups.en.user);
    await page.getByLabel("Mật khẩu").fill(password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("button", { name: VI.signOut }).waitFor();
    await page.getByRole("radiogroup", { name: /Language/ }).getByText("EN", { exact: true }).click();
    await page.getByRole("link", { name: EN.projectsNav, exact: true }).waitFor();
    await walk("en", EN, 94);
    await page.getByRole("button", { name: EN.signOut }).click();
  });
});
