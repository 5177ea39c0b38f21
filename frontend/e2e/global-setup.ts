import type { TestProject } from "vitest/node";
import { ensureBuilt, startApiServer } from "./api-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    username: string;
    password: string;
    /** The legal day the server and the browser live on (YYYY-MM-DD). */
    today: string;
  }
}

/**
 * Build the SPA if it is stale, start the real API on a fresh database with the legal day pinned
 * (QCDC_E2E_TODAY, see api-server.mjs), and stop it afterwards.
 */
export default async function setup(project: TestProject) {
  ensureBuilt();
  const started = Date.now();
  const server = await startApiServer();
  const took = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`→ qcdc serve ready on ${server.baseURL} (${server.database}, legal day ${server.today}) in ${took} s`);
  // The operator appoints the first grantor of petitions:confidential, as on a real server
  // (docs/security.md): the bootstrap administrator holds no confidential permission by itself.
  try {
    server.operator(["users", "grant", server.username, "users:grant_confidential"]);
  } catch (err) {
    await server.stop();
    throw err;
  }
  project.provide("baseURL", server.baseURL);
  project.provide("username", server.username);
  project.provide("password", server.password);
  project.provide("today", server.today);
  return () => server.stop();
}
