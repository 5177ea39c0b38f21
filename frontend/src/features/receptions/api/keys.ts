import type { ComplianceParams } from "./get-compliance";
import type { ListReceptionsParams } from "./list-receptions";

/**
 * Every query key of the receptions feature. A session written changes the lists, the compliance
 * report and its own detail, so writes invalidate `receptionsKeys.all`.
 */
export const receptionsKeys = {
  all: ["receptions"] as const,
  lists: () => [...receptionsKeys.all, "list"] as const,
  list: (params: ListReceptionsParams) => [...receptionsKeys.lists(), params] as const,
  compliance: (params: ComplianceParams) => [...receptionsKeys.all, "compliance", params] as const,
  detail: (receptionId: string) => [...receptionsKeys.all, "detail", receptionId] as const,
};
