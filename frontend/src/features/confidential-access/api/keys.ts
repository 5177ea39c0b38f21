import type { ListHoldersParams } from "./list-confidential-holders";
import type { ConfidentialPermission } from "./types";

/** Every query key of the confidential-access feature, widest first. */
export const confidentialAccessKeys = {
  all: ["confidential-access"] as const,
  holders: () => [...confidentialAccessKeys.all, "holders"] as const,
  holderList: (params: ListHoldersParams) => [...confidentialAccessKeys.holders(), params] as const,
  grants: () => [...confidentialAccessKeys.all, "grant"] as const,
  grant: (userId: string, permission: ConfidentialPermission) =>
    [...confidentialAccessKeys.grants(), userId, permission] as const,
};
