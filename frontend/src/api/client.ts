import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.gen";
import { tokens } from "./tokens";

export { ApiError, toApiError, unwrap, unwrapBlob } from "./problem";

const baseUrl = import.meta.env.VITE_API_BASE_URL ?? "";
/** The media types answers are typed by: a list also answers CSV, XLSX and NDJSON files
 * (`format=`), which the app reads as blobs (`parseAs: "blob"`), never as its data. */
type Json = "application/json" | "application/problem+json";

/** No middleware: used for the refresh call itself, so it can't recurse into refreshing. */
const bare = createClient<paths, Json>({ baseUrl });

let inflight: Promise<boolean> | null = null;

async function doRefresh(): Promise<boolean> {
  // Read inside the lock: another tab may have rotated the token while we waited.
  const refreshToken = tokens.refresh();
  if (!refreshToken) return false;
  const { data, response } = await bare.POST("/api/v1/auth/refresh", { body: { refresh_token: refreshToken } });
  if (data) {
    tokens.set(data);
    return true;
  }
  // Only a definite rejection ends the session; a network blip or 5xx keeps the refresh token.
  if (response.status === 401 || response.status === 422) tokens.clear();
  return false;
}

/**
 * Refresh the session once, however many requests ask at the same time. Refresh tokens are
 * single-use and reusing one closes the whole session, so concurrent callers (and, via the
 * Web Locks API, other tabs) must queue behind a single refresh.
 */
export function refreshSession(): Promise<boolean> {
  inflight ??= (async () => {
    try {
      if (typeof navigator !== "undefined" && navigator.locks) {
        return await navigator.locks.request("qcdc-refresh", doRefresh);
      }
      return await doRefresh();
    } finally {
      inflight = null;
    }
  })();
  return inflight;
}

const NO_AUTH = new Set(["/api/v1/auth/token", "/api/v1/auth/refresh", "/api/v1/auth/logout"]);
// Requests kept (unsent copies) until their response arrives, so a 401 can be replayed once.
const pending = new Map<string, Request>();

const auth: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    if (NO_AUTH.has(schemaPath)) return undefined;
    // After a reload only the refresh token survives: mint an access token before asking.
    if (!tokens.access() && tokens.refresh()) await refreshSession();
    const token = tokens.access();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    pending.set(id, request.clone());
    return request;
  },
  async onResponse({ response, schemaPath, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (NO_AUTH.has(schemaPath) || response.status !== 401 || !original) return undefined;
    const code = await response
      .clone()
      .json()
      .then((b: { code?: unknown }) => b.code)
      .catch(() => undefined);
    if (code !== "invalid_token") return undefined;
    if (!(await refreshSession())) return undefined;
    const retry = new Request(original);
    retry.headers.set("Authorization", `Bearer ${tokens.access() ?? ""}`);
    return fetch(retry);
  },
  onError({ id }) {
    pending.delete(id);
    return undefined;
  },
};

/** The one way the app reaches the API. */
export const api = createClient<paths, Json>({ baseUrl });
api.use(auth);
