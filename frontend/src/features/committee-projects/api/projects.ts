import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapBlob } from "../../../api/client";
import { projectsKeys } from "./keys";
import type { CapitalSource, ProjectCreate, ProjectPage, ProjectRead, ProjectUpdate } from "./types";

export type ListProjectsParams = {
  withinUnitId?: string | null;
  capitalSource?: CapitalSource[];
  underWayOn?: string | null;
  q?: string;
  sort?: string;
  cursor?: string | null;
  limit?: number;
  includeTotal?: boolean;
};

export const PROJECTS_PAGE_SIZE = 20;

const projectsQuery = (p: ListProjectsParams) => ({
  within_unit_id: p.withinUnitId || undefined,
  capital_source: p.capitalSource && p.capitalSource.length > 0 ? p.capitalSource : undefined,
  under_way_on: p.underWayOn || undefined,
  q: p.q || undefined,
  sort: p.sort,
  cursor: p.cursor ?? undefined,
  limit: p.limit ?? PROJECTS_PAGE_SIZE,
  include_total: p.includeTotal || undefined,
});

export async function listProjects(p: ListProjectsParams): Promise<ProjectPage> {
  return unwrap(await api.GET("/api/v1/committees/projects", { params: { query: projectsQuery(p) } }));
}

/** Every row the filters select, in their sort, as an XLSX file (no page: `cursor` and `limit` do not apply). */
export async function exportProjects(p: ListProjectsParams): Promise<Blob> {
  return unwrapBlob(
    await api.GET("/api/v1/committees/projects", {
      params: { query: { ...projectsQuery(p), cursor: undefined, include_total: undefined, format: "xlsx" } },
      parseAs: "blob",
    }),
  );
}

export function useProjects(params: ListProjectsParams) {
  return useQuery({ queryKey: projectsKeys.list(params), queryFn: () => listProjects(params), placeholderData: keepPreviousData });
}

/** A project with the `ETag` a later PATCH sends back in `If-Match`. */
export type VersionedProject = { project: ProjectRead; etag: string | null };

export async function getProject(id: string): Promise<VersionedProject> {
  const result = await api.GET("/api/v1/committees/projects/{project_id}", { params: { path: { project_id: id } } });
  return { project: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const projectQueryOptions = (id: string) => queryOptions({ queryKey: projectsKeys.detail(id), queryFn: () => getProject(id) });

export function useProject(id: string) {
  return useQuery(projectQueryOptions(id));
}

export async function createProject(body: ProjectCreate): Promise<ProjectRead> {
  return unwrap(await api.POST("/api/v1/committees/projects", { body }));
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createProject, onSuccess: () => qc.invalidateQueries({ queryKey: projectsKeys.all }) });
}

/** PATCH with the ETag of the copy the user edited: a change made meanwhile is a 412. */
export async function updateProject(id: string, body: ProjectUpdate, etag: string | null): Promise<VersionedProject> {
  const result = await api.PATCH("/api/v1/committees/projects/{project_id}", {
    params: { path: { project_id: id }, header: etag ? { "If-Match": etag } : undefined },
    body,
  });
  return { project: unwrap(result), etag: result.response.headers.get("ETag") };
}

export function useUpdateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, etag }: { id: string; body: ProjectUpdate; etag: string | null }) => updateProject(id, body, etag),
    onSuccess: (updated) => {
      qc.setQueryData(projectQueryOptions(updated.project.id).queryKey, updated);
      return qc.invalidateQueries({ queryKey: projectsKeys.lists() });
    },
  });
}
