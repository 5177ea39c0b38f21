import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { confidentialAccessKeys } from "./keys";
import type { AuditEvent, ConfidentialPermission } from "./types";

/** When a grant in force was given, and by whom (a user's name, or the operator's command). */
export type GrantRecord = { grantedAt: string; actorType: string; actorName: string | null };

/**
 * Enough of a person's grant events to find the latest of one permission: each event names one
 * permission, and people are granted a handful of times at most.
 */
const EVENTS_SCANNED = 20;

/**
 * The holder list does not say who granted (docs: "GET /audit-events?action=user.grant"), so the
 * latest `user.grant` event of that person and permission is read from the audit log; it is the
 * grant in force, since the person holds the permission now. Null when the log has none the
 * principal may see. Needs `audit:read`.
 */
export async function getGrantRecord(userId: string, permission: ConfidentialPermission): Promise<GrantRecord | null> {
  const page = unwrap(
    await api.GET("/api/v1/audit-events", {
      params: {
        query: { action: "user.grant", resource_type: "user", resource_id: userId, sort: "-id", limit: EVENTS_SCANNED },
      },
    }),
  );
  const event = page.items.find((e) => grantedPermission(e) === permission);
  return event ? { grantedAt: event.occurred_at, actorType: event.actor_type, actorName: event.actor_name } : null;
}

function grantedPermission(event: AuditEvent): unknown {
  const after = event.changes["after"];
  return typeof after === "object" && after !== null ? (after as Record<string, unknown>)["permission"] : undefined;
}

export const grantRecordQueryOptions = (userId: string, permission: ConfidentialPermission) =>
  queryOptions({
    queryKey: confidentialAccessKeys.grant(userId, permission),
    queryFn: () => getGrantRecord(userId, permission),
    staleTime: 5 * 60_000,
  });

export function useGrantRecord(userId: string, permission: ConfidentialPermission, enabled: boolean) {
  return useQuery({ ...grantRecordQueryOptions(userId, permission), enabled });
}
