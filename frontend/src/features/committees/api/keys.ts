import type { ListCommitteesParams } from "./list-committees";

/** Every query key of the committees feature, widest first. */
export const committeesKeys = {
  all: ["committees"] as const,
  lists: () => [...committeesKeys.all, "list"] as const,
  list: (params: ListCommitteesParams) => [...committeesKeys.lists(), params] as const,
  detail: (id: string) => [...committeesKeys.all, "detail", id] as const,
  terms: (id: string) => [...committeesKeys.detail(id), "terms"] as const,
  members: (id: string) => [...committeesKeys.detail(id), "members"] as const,
  memberList: (id: string, termId: string) => [...committeesKeys.members(id), termId] as const,
  // Under "members": a change to any member reads the one being corrected again too.
  member: (id: string, memberId: string) => [...committeesKeys.members(id), "one", memberId] as const,
  // Under "compliance" (not under a committee's detail) so that any change can refresh every badge.
  compliances: () => [...committeesKeys.all, "compliance"] as const,
  compliance: (id: string, asOf: string) => [...committeesKeys.compliances(), id, asOf] as const,
  rules: () => [...committeesKeys.all, "rules"] as const,
  villages: (unitId: string) => [...committeesKeys.all, "villages", unitId] as const,
  activities: (id: string) => [...committeesKeys.detail(id), "activities"] as const,
  activityFiles: (id: string, activityId: string) => [...committeesKeys.activities(id), activityId, "files"] as const,
  recommendations: (id: string) => [...committeesKeys.detail(id), "recommendations"] as const,
  // The subtree's report (one answer for every badge of the list), under "compliance" with the rest.
  subtreeCompliance: (withinUnitId: string | null, asOf: string, committeeIds: readonly string[]) =>
    [...committeesKeys.compliances(), "subtree", withinUnitId, asOf, committeeIds] as const,
  categories: () => [...committeesKeys.all, "petition-categories"] as const,
};
