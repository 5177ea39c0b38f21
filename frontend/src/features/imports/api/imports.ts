import { queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import type { components } from "../../../api/schema.gen";
import { importsKeys } from "./keys";

export type JobRead = components["schemas"]["JobRead"];
export type ImportMode = "all" | "valid";

/** One refused cell or row of an import, as the job's result lists it (docs/imports.md). */
export type RowError = { row: number; column: string | null; code: string; message_vi: string; message_en: string };

/** The result of an import job: what the rows did (or would do, in a dry run), and the first errors. */
export type ImportResult = {
  resource: string;
  format: string;
  dry_run: boolean;
  mode: ImportMode;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  conversions: { column: string; from: string }[];
  ignored_columns: string[];
  error_total: number;
  errors: RowError[];
};

export const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/** Upload a file to import (multipart) as a job acting with the caller's rights. */
export async function submitImport(v: { file: File; resource: string; mode: ImportMode; dryRun: boolean }): Promise<JobRead> {
  const form = new FormData();
  form.append("file", v.file, v.file.name);
  form.append("resource", v.resource);
  form.append("mode", v.mode);
  form.append("dry_run", v.dryRun ? "true" : "false");
  return unwrap(
    await api.POST("/api/v1/imports", {
      params: { header: { "Idempotency-Key": crypto.randomUUID() } },
      // openapi-fetch sends a FormData body as is, and the browser sets the multipart boundary.
      body: form as unknown as { file: string; resource: string },
    }),
  );
}

export function useSubmitImport() {
  return useMutation({ mutationFn: submitImport });
}

export const jobQueryOptions = (jobId: string) =>
  queryOptions({
    queryKey: importsKeys.job(jobId),
    queryFn: async () => unwrap(await api.GET("/api/v1/jobs/{job_id}", { params: { path: { job_id: jobId } } })),
  });

/** A job, asked for again every 700 ms until it has finished. */
export function useJob(jobId: string | null) {
  return useQuery({
    ...jobQueryOptions(jobId ?? ""),
    enabled: jobId !== null,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.state) ? false : 700),
  });
}

/** The import's result, once its job has one. */
export function importResult(job: JobRead | undefined): ImportResult | null {
  return (job?.result as ImportResult | null | undefined) ?? null;
}

/** The resource's template: the columns in Vietnamese, the drop-down lists, an example row. */
export async function downloadTemplate(resource: string): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/imports/templates/{resource}.xlsx", { params: { path: { resource } }, parseAs: "blob" }),
  );
}

/** The rows of an import that failed, their bad cells marked and a column saying why. */
export async function downloadErrors(jobId: string): Promise<Blob> {
  return unwrapBlob(await api.GET("/api/v1/imports/{job_id}/errors.xlsx", { params: { path: { job_id: jobId } }, parseAs: "blob" }));
}
