import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { ReceptionRead } from "./types";
import { receptionsKeys } from "./keys";

/** A session with the `ETag` a later PATCH or DELETE sends back in `If-Match`. */
export type VersionedReception = { reception: ReceptionRead; etag: string | null };

export async function getReception(receptionId: string): Promise<VersionedReception> {
  const result = await api.GET("/api/v1/receptions/{reception_id}", { params: { path: { reception_id: receptionId } } });
  return { reception: unwrap(result), etag: result.response.headers.get("ETag") };
}

export const receptionQueryOptions = (receptionId: string) =>
  queryOptions({ queryKey: receptionsKeys.detail(receptionId), queryFn: () => getReception(receptionId) });

export function useReception(receptionId: string | null) {
  return useQuery({ ...receptionQueryOptions(receptionId ?? ""), enabled: receptionId !== null });
}
