import { api, unwrap, unwrapBlob } from "./client";
import type { components } from "./schema.gen";

type JobRead = components["schemas"]["JobRead"];
type ExportResult = { rows: number; filename: string; download: string };

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/**
 * A list too large for a request (422 `export_too_large`), exported by a job instead: the list's
 * path and query as the refused request asked them, the job followed until done (`onProgress` told
 * rows done of the total), then its file downloaded.
 */
export async function exportByJob(
  listUrl: string,
  onProgress: (done: number, total: number | null) => void,
  every = 1_000,
): Promise<{ blob: Blob; filename: string }> {
  const url = new URL(listUrl, window.location.origin);
  let job: JobRead = unwrap(
    await api.POST("/api/v1/exports", { body: { list: `${url.pathname}${url.search}`, format: "xlsx" } }),
  );
  while (!FINISHED.has(job.state)) {
    onProgress(job.progress.done, job.progress.total ?? null);
    await new Promise((resolve) => setTimeout(resolve, every));
    job = unwrap(await api.GET("/api/v1/jobs/{job_id}", { params: { path: { job_id: job.id } } }));
  }
  if (job.state !== "succeeded") throw new Error(job.error?.message ?? job.state);
  const result = job.result as ExportResult;
  const blob = await unwrapBlob(
    await api.GET("/api/v1/exports/{job_id}/file", { params: { path: { job_id: job.id } }, parseAs: "blob" }),
  );
  return { blob, filename: result.filename };
}
