import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { committeesKeys } from "./keys";
import type { ActivityCreate, ActivityRead, ActivityUpdate } from "./types";

/** The committee's plans and activities, newest first (the latest 500: a committee records a few a quarter). */
export async function listActivities(committeeId: string): Promise<ActivityRead[]> {
  const page = unwrap(
    await api.GET("/api/v1/committees/{committee_id}/activities", {
      params: { path: { committee_id: committeeId }, query: { sort: "-dated_on", limit: 500 } },
    }),
  );
  return page.items;
}

export const activitiesQueryOptions = (committeeId: string) =>
  queryOptions({ queryKey: committeesKeys.activities(committeeId), queryFn: () => listActivities(committeeId) });

export function useActivities(committeeId: string) {
  return useQuery(activitiesQueryOptions(committeeId));
}

export async function createActivity(committeeId: string, body: ActivityCreate): Promise<ActivityRead> {
  return unwrap(await api.POST("/api/v1/committees/{committee_id}/activities", { params: { path: { committee_id: committeeId } }, body }));
}

export async function updateActivity(committeeId: string, activityId: string, body: ActivityUpdate): Promise<ActivityRead> {
  return unwrap(
    await api.PATCH("/api/v1/committees/{committee_id}/activities/{activity_id}", {
      params: { path: { committee_id: committeeId, activity_id: activityId } },
      body,
    }),
  );
}

/** Record a plan or an activity (`activityId` null) or change one; the committee's activities are read again. */
export function useWriteActivity(committeeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, body }: { activityId: string | null; body: ActivityCreate | ActivityUpdate }) =>
      activityId === null ? createActivity(committeeId, body as ActivityCreate) : updateActivity(committeeId, activityId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: committeesKeys.activities(committeeId) }),
  });
}
