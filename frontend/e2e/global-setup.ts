import type { TestProject } from "vitest/node";
import { ensureBuilt, startApiServer } from "./api-server.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    username: string;
    password: string;
  }
}

/** Build the SPA if it is stale, start the real API on a fresh database, and stop it afterwards. */
export default async function setup(project: TestProject) {
  ensureBuilt();
  const started = Date.now();
  const server = await startApiServer();
  console.log(`→ qcdc serve ready on ${server.baseURL} (${server.database}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide("baseURL", server.baseURL);
  project.provide("username", server.username);
  project.provide("password", server.password);
  return () => server.stop();
}
