import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
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
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function shot(page: Page, name: string) {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
