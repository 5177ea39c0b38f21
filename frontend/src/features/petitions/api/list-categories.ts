import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { CategoryRead } from "./types";
import { petitionsKeys } from "./keys";

/** The subject taxonomy, inactive categories included (old cases keep theirs). */
export async function listCategories(): Promise<CategoryRead[]> {
  return unwrap(await api.GET("/api/v1/petitions/categories"));
}

export const categoriesQueryOptions = () =>
  queryOptions({ queryKey: petitionsKeys.categories(), queryFn: listCategories, staleTime: 10 * 60_000 });

export function useCategories() {
  return useQuery(categoriesQueryOptions());
}
