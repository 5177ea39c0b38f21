import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { ddmmyyyy } from "./api";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, FRONTEND } from "./api-server.mjs";

export const SCREENSHOTS = join(FRONTEND, "e2e", "screenshots");

/**
 * Debian's Chromium with a fresh profile, closed (and its profile removed) by the returned function.
 * Its clock says `today` (the server's pinned legal day, at noon in Vietnam): date pickers default
 * to it and "not in the future" checks agree with the server's. Timers run as usual.
 */
export async function openBrowser(
  baseURL: string,
  today: string,
): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "qcdc-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_FLAGS,
    headless: true,
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    viewport: { width: 1366, height: 900 },
  });
  await context.clock.setFixedTime(new Date(`${today}T12:00:00+07:00`));
  // Generous for a noisy 2-core machine; locators wait for their element, never a fixed time.
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  openPages.add(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    close: async () => {
      openPages.delete(page);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The pages open now, for `describePages` when a step fails.
const openPages = new Set<Page>();

/**
 * What the open pages show, for a failed step's error (CI keeps only the end of its log): the
 * accessibility tree of the dialogs open (or of the page), shortened, then in the last lines the
 * URL, the dialogs' names and the alerts' texts.
 */
export async function describePages(): Promise<string> {
  const parts: string[] = [];
  for (const page of openPages) {
    const dialogs = page.getByRole("dialog");
    const names = await dialogs.evaluateAll((found) => found.map((d) => d.getAttribute("aria-label") ?? d.textContent?.slice(0, 60)));
    const alerts = await page.getByRole("alert").allTextContents();
    const shown = names.length > 0 ? dialogs.last() : page.locator("body");
    const tree = await shown.ariaSnapshot({ timeout: 2_000 }).catch((e: Error) => e.message);
    // The buttons where the step was: their accessible names and states (a loading button is named "loading …").
    const buttons = await shown
      .getByRole("button")
      .evaluateAll((found) =>
        found.map((b) => `${b.textContent?.trim().slice(0, 30)}${b.hasAttribute("disabled") ? " (disabled)" : ""}${b.className.includes("loading") ? " (loading)" : ""}`),
      )
      .catch((e: Error) => [e.message]);
    parts.push(
      tree.slice(0, 2_500),
      `page ${page.url()}`,
      `dialogs ${JSON.stringify(names)}`,
      `buttons ${JSON.stringify(buttons)}`,
      `alerts ${JSON.stringify(alerts)}`,
    );
  }
  return parts.join("\n");
}

export function shot(page: Page, name: string) {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** An option of the Ant Design dropdown open on the page (rendered outside the form it belongs to). */
export function option(page: Page, title: string): Locator {
  return page.locator(".ant-select-dropdown:visible").getByTitle(title, { exact: true });
}

/**
 * Whether the select labelled `label` inside `scope` shows `title` among its values (a single
 * select's content box, a multiple one's tags): never fooled by an option of an open or closing
 * dropdown, which lives outside the select.
 */
async function shows(scope: Locator, label: string, title: string): Promise<boolean> {
  const select = scope
    .getByLabel(label, { exact: true })
    .locator("xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
  for (let waited = 0; waited <= 3_000; waited += 200) {
    const titles = await select
      .locator("[title]")
      .evaluateAll((found) => found.map((e) => e.getAttribute("title")))
      .catch((): (string | null)[] => []);
    if (titles.includes(title)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/**
 * Pick `title` in the select labelled `label` inside `scope`, until the select shows it. On a loaded
 * machine the click opening the dropdown, or the pick during its opening or closing animation, can be
 * lost: each is tried again (the dropdown opened only when it is not open already, a click on an open
 * one closes it), and the pick counts only once the select shows the value.
 */
export async function pick(page: Page, scope: Locator, label: string, title: string): Promise<void> {
  const tried = (step: Promise<unknown>) =>
    step.then(
      () => true,
      () => false,
    );
  for (let attempt = 1; ; attempt++) {
    if (!(await option(page, title).isVisible())) await scope.getByLabel(label, { exact: true }).click();
    if ((await tried(option(page, title).click({ timeout: 5_000 }))) && (await shows(scope, label, title))) return;
    if (attempt === 4) throw new Error(`${title} could not be picked in ${label}`);
  }
}

/** Type a day (ISO) into the date field labelled `label` inside `scope`, as dd/mm/yyyy. */
export async function fillDay(scope: Locator, label: string, iso: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.fill(ddmmyyyy(iso));
  await input.press("Enter");
}

/** The dialog named `name` once its opening animation is over: a click during the zoom can be lost. */
export async function opened(page: Page, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name });
  await dialog.waitFor();
  await page.locator(".ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter").waitFor({ state: "detached" });
  return dialog;
}
