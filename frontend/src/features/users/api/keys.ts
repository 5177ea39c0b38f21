import type { ListUsersParams } from "./list-users";

/** Every query key of the users feature, for the factories and the mutations' invalidations. */
export const usersKeys = {
  all: ["users"] as const,
  lists: () => [...usersKeys.all, "list"] as const,
  list: (params: ListUsersParams) => [...usersKeys.lists(), params] as const,
  detail: (userId: string) => [...usersKeys.all, "detail", userId] as const,
};
