import { beforeAll, expect, it, vi } from "vitest";

/** exportByJob against a fake API at the fetch level: what it asks, in which order. */
const asked: string[] = [];
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const job = (state: string, done: number, result: unknown = null) => ({
  id: "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11",
  kind: "export",
  state,
  progress: { done, total: 1200 },
  result,
  error: null,
});
const steps = [job("queued", 0), job("running", 500), job("succeeded", 1200, { rows: 1200, filename: "petitions-20261126.xlsx", download: "x" })];

async function serve(request: Request): Promise<Response> {
  const url = new URL(request.url);
  asked.push(`${request.method} ${url.pathname}`);
  if (url.pathname === "/api/v1/exports" && request.method === "POST") {
    expect(await request.json()).toEqual({ list: "/api/v1/petitions?kind=complaint&format=xlsx", format: "xlsx" });
    return json(202, steps.shift());
  }
  if (url.pathname.endsWith("/file")) return new Response("xlsx bytes", { status: 200 });
  return json(200, steps.length > 1 ? steps.shift() : steps[0]);
}

let exportByJob: typeof import("./export-job").exportByJob;

beforeAll(async () => {
  vi.stubEnv("VITE_API_BASE_URL", "http://api.test");
  vi.stubGlobal("fetch", (input: Request) => serve(input));
  exportByJob = (await import("./export-job")).exportByJob;
});

it("asks for the refused list as a job, follows it, and downloads its file", async () => {
  const seen: [number, number | null][] = [];
  const { blob, filename } = await exportByJob(
    "http://api.test/api/v1/petitions?kind=complaint&format=xlsx",
    (done, total) => seen.push([done, total]),
    0,
  );
  expect(await blob.text()).toBe("xlsx bytes");
  expect(filename).toBe("petitions-20261126.xlsx");
  expect(seen).toEqual([
    [0, 1200],
    [500, 1200],
  ]);
  expect(asked).toEqual([
    "POST /api/v1/exports",
    "GET /api/v1/jobs/0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11",
    "GET /api/v1/jobs/0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11",
    "GET /api/v1/exports/0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11/file",
  ]);
});
