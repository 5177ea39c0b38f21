import type { ListProjectsParams } from "./projects";

/** Every query key of the committees' investment projects, widest first. */
export const projectsKeys = {
  all: ["committee-projects"] as const,
  lists: () => [...projectsKeys.all, "list"] as const,
  list: (params: ListProjectsParams) => [...projectsKeys.lists(), params] as const,
  detail: (id: string) => [...projectsKeys.all, "detail", id] as const,
};
