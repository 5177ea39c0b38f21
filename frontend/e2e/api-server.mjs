// @ts-check
// Starts the real QCDC API (`qcdc serve`, which also serves the built SPA) on a free port with a
// fresh database, for the end-to-end tests and the Lighthouse run. Plain ESM so that
// tools/lighthouse can use it without a TypeScript step.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const REPO = resolve(FRONTEND, "..");
const QCDC = join(REPO, ".venv", "bin", "qcdc");
const PYTHON = join(REPO, ".venv", "bin", "python");

/** @param {string} path @returns {number} the newest modification time under path */
function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Build the SPA unless frontend/dist is newer than every source it is built from. */
export function ensureBuilt() {
  const index = join(FRONTEND, "dist", "index.html");
  const sources = ["src", "index.html", "vite.config.ts", "package-lock.json"].map((p) => join(FRONTEND, p));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  console.log("→ building the SPA (npm run build)");
  // A test runner sets NODE_ENV=test, which would make Vite build a development bundle.
  const env = { ...process.env, NODE_ENV: "production" };
  execFileSync("npm", ["run", "--silent", "build"], { cwd: FRONTEND, env, stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * The legal day the browser tests live on: `QCDC_E2E_TODAY` (YYYY-MM-DD), else a fixed Thursday.
 * The server is started with it as `QCDC_TODAY` and the browser's clock is pinned to it
 * (browser.ts), so a run gives the same answers on any day of the week, and a weekend or a
 * month's end can be tried on purpose (`QCDC_E2E_TODAY=2026-11-28 npm run e2e`).
 */
export const DEFAULT_E2E_TODAY = "2026-11-26";

/** @returns {string} */
export function e2eToday() {
  const day = process.env.QCDC_E2E_TODAY || DEFAULT_E2E_TODAY;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new Error(`QCDC_E2E_TODAY must be a day as YYYY-MM-DD, not ${JSON.stringify(day)}`);
  }
  return day;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** Empty a PostgreSQL database the caller said may be wiped (as tests/conftest.py does). @param {string} url */
function resetPostgres(url) {
  const script = `
import asyncio, sys
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
async def main():
    engine = create_async_engine(sys.argv[1])
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
asyncio.run(main())
`;
  execFileSync(PYTHON, ["-c", script, url], { stdio: "inherit" });
}

/**
 * @typedef {{
 *   baseURL: string, username: string, password: string, database: string, today: string, logFile: string,
 *   operator: (args: string[]) => void, stop: () => Promise<void>
 * }} ApiServer
 */

/**
 * Start `qcdc serve`: migrate, load the official units (about 10 s), create the bootstrap admin,
 * then serve. SQLite in a temporary directory unless QCDC_E2E_DATABASE_URL names a PostgreSQL
 * database that may be wiped. The legal day is pinned (`today`, by default e2eToday()).
 * Resolves once /readyz answers; stop() always kills the server.
 * @param {{ today?: string }} [options]
 * @returns {Promise<ApiServer>}
 */
export async function startApiServer({ today = e2eToday() } = {}) {
  if (!existsSync(QCDC)) throw new Error(`${QCDC} is missing: run \`make install\` first.`);
  const dir = mkdtempSync(join(tmpdir(), "qcdc-e2e-"));
  const port = await freePort();
  const password = `e2e-${randomBytes(12).toString("hex")}`;
  const pgUrl = process.env.QCDC_E2E_DATABASE_URL;
  if (pgUrl) resetPostgres(pgUrl);
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "a");
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? dir,
    QCDC_ENVIRONMENT: "development",
    QCDC_TODAY: today,
    QCDC_DATA_DIR: dir,
    ...(pgUrl ? { QCDC_DATABASE_URL: pgUrl } : {}),
    QCDC_BOOTSTRAP_ADMIN_PASSWORD: password,
    QCDC_DEMO: "false",
    QCDC_HOST: "127.0.0.1",
    QCDC_PORT: String(port),
    QCDC_LOG_LEVEL: "WARNING",
    QCDC_LOG_JSON: "false",
    // Every scenario signs in from 127.0.0.1, over thirty times in a whole run: the per-address
    // limit (30 in 15 minutes, tests/auth) guards against guessing, which no scenario here does.
    QCDC_SIGN_IN_ATTEMPTS_PER_ADDRESS: "1000",
  };
  // Not the repository root, so a developer's .env (their own database!) is never read.
  const child = spawn(QCDC, ["serve"], { cwd: dir, env, stdio: ["ignore", log, log] });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  // Whatever happens to this process, the server goes with it.
  const killOnExit = () => {
    if (!exited) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (!exited) {
      const gone = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    if (!process.env.QCDC_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  };

  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  try {
    for (;;) {
      if (exited) throw new Error("qcdc serve exited before it was ready");
      if (Date.now() > deadline) throw new Error("qcdc serve was not ready within 180 s");
      const ready = await fetch(`${baseURL}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((ok) => setTimeout(ok, 250));
    }
  } catch (err) {
    const tail = readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
    await stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server log ---\n${tail}`, { cause: err });
  }
  /** Run a `qcdc` command as the server's operator, on the server's database and settings. */
  const operator = (/** @type {string[]} */ args) => {
    execFileSync(QCDC, args, { cwd: dir, env, stdio: ["ignore", "ignore", "inherit"] });
  };
  return { baseURL, username: "admin", password, database: pgUrl ? "postgresql" : "sqlite", today, logFile, operator, stop };
}

/** Chromium flags that work on a closed network (TOOLING.md): without them it stalls on refused connections. */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
