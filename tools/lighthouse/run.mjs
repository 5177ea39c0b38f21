// Lighthouse performance and accessibility of the built SPA, as served by `qcdc serve` on a fresh
// database, with Debian's Chromium: the sign-in page, and the units explorer signed in.
//
// playwright-core starts Chromium with a debugging port and signs in through the real form;
// Lighthouse then connects to that same browser (`port`) and keeps its storage, so the session's
// refresh token is there when it loads the explorer. Each page and preset is measured
// LIGHTHOUSE_RUNS times (default 3) and the median run by performance is reported, since the machines
// are shared and noisy. Reports go to reports/ (not committed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { chromium } from "playwright-core";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, ensureBuilt, startApiServer } from "../../frontend/e2e/api-server.mjs";

const REPORTS = join(import.meta.dirname, "reports");
const CATEGORIES = ["performance", "accessibility"];
const PRESETS = { desktop: desktopConfig, mobile: undefined };
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

ensureBuilt();
mkdirSync(REPORTS, { recursive: true });
const server = await startApiServer();
const profile = mkdtempSync(join(tmpdir(), "qcdc-lighthouse-"));
const debuggingPort = await freePort();
let context;
const rows = [];
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_FLAGS, `--remote-debugging-port=${debuggingPort}`],
    headless: true,
    baseURL: server.baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);

  const measure = async (path, config) => {
    // Every run starts with an empty HTTP cache; storage (the session) is kept.
    await cdp.send("Network.clearBrowserCache");
    const result = await lighthouse(
      `${server.baseURL}${path}`,
      { port: debuggingPort, output: ["html", "json"], onlyCategories: CATEGORIES, disableStorageReset: true, logLevel: "error" },
      config,
    );
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    return result;
  };

  const audit = async (name, path) => {
    for (const [preset, config] of Object.entries(PRESETS)) {
      const results = [];
      for (let i = 0; i < RUNS; i++) results.push(await measure(path, config));
      results.sort((a, b) => a.lhr.categories.performance.score - b.lhr.categories.performance.score);
      const median = results[Math.floor(results.length / 2)];
      const [html, json] = median.report;
      writeFileSync(join(REPORTS, `${name}-${preset}.report.html`), html);
      writeFileSync(join(REPORTS, `${name}-${preset}.report.json`), json);
      const { categories, audits } = median.lhr;
      const failed = Object.values(audits)
        .filter((a) => a.score === 0 && categories.accessibility.auditRefs.some((r) => r.id === a.id))
        .map((a) => a.id);
      const row = {
        page: name,
        preset,
        performance: Math.round(categories.performance.score * 100),
        runs: results.map((r) => Math.round(r.lhr.categories.performance.score * 100)).join("/"),
        accessibility: Math.round(categories.accessibility.score * 100),
        lcp: audits["largest-contentful-paint"].displayValue,
        tbt: audits["total-blocking-time"].displayValue,
        failed: failed.join(", ") || "—",
      };
      rows.push(row);
      console.log(`→ ${name} (${preset}): performance ${row.performance} (runs ${row.runs}), accessibility ${row.accessibility}`);
    }
  };

  await audit("sign-in", "/sign-in");

  // Sign in as a person would; the refresh token then lives in this profile's localStorage.
  await page.goto("/sign-in");
  await page.getByLabel("Tên đăng nhập").fill(server.username);
  await page.getByLabel("Mật khẩu").fill(server.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("tree").waitFor();
  // The explorer with a search and a unit's details open: the screen officials use most.
  await page.getByRole("searchbox").fill("thuc phan");
  await page.getByRole("searchbox").press("Enter");
  await page.getByRole("search").getByRole("button", { name: /Phường Thục Phán/ }).click();
  await page.getByRole("heading", { name: "Phường Thục Phán", level: 2 }).waitFor();
  const explorer = new URL(page.url());
  // Leave the page idle so it does not use the session while Lighthouse does.
  await page.goto("about:blank");
  await audit("units-explorer", `${explorer.pathname}${explorer.search}`);

  const table = [
    `| page | preset | performance (median of ${RUNS}) | runs | accessibility | LCP | TBT | failed accessibility audits |`,
    "|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) => `| ${r.page} | ${r.preset} | ${r.performance} | ${r.runs} | ${r.accessibility} | ${r.lcp} | ${r.tbt} | ${r.failed} |`,
    ),
  ].join("\n");
  writeFileSync(join(REPORTS, "summary.md"), `${table}\n`);
  console.log(`\n${table}\n\nReports: ${REPORTS}`);
} finally {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await server.stop();
}
