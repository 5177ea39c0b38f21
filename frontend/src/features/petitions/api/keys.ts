import type { ListPetitionsParams } from "./list-petitions";

/**
 * Every query key of the petitions feature, from the widest to the narrowest. The query-options
 * factories build their keys here; mutations invalidate by these prefixes (or by a factory's
 * `queryKey`), never by literals of their own.
 */
export const petitionsKeys = {
  all: ["petitions"] as const,
  lists: () => [...petitionsKeys.all, "list"] as const,
  list: (params: ListPetitionsParams) => [...petitionsKeys.lists(), params] as const,
  detail: (petitionId: string) => [...petitionsKeys.all, "detail", petitionId] as const,
  events: (petitionId: string) => [...petitionsKeys.all, "events", petitionId] as const,
  attachments: (petitionId: string) => [...petitionsKeys.all, "attachments", petitionId] as const,
  categories: () => [...petitionsKeys.all, "categories"] as const,
  workflows: () => [...petitionsKeys.all, "workflows"] as const,
};
