import type { ListApiKeysParams } from "./list-api-keys";

/** Every query key of the API keys feature, for the factories and the mutations' invalidations. */
export const apiKeysKeys = {
  all: ["api-keys"] as const,
  lists: () => [...apiKeysKeys.all, "list"] as const,
  list: (params: ListApiKeysParams) => [...apiKeysKeys.lists(), params] as const,
};
