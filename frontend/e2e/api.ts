import { inject } from "vitest";

// The real API called directly by the browser tests: setting up people and cases, and checking
// what the screens cannot show (the API's refusals, the audit log).

export type Api = <T = unknown>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

export async function signInApi(baseURL: string, username: string, password: string): Promise<Api> {
  const res = await fetch(`${baseURL}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${await res.text()}`);
  const { access_token: token } = (await res.json()) as { access_token: string };
  return async <T,>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/**
 * The legal day the server and the browser were pinned to (QCDC_E2E_TODAY, see api-server.mjs), or a
 * day that many days away, as YYYY-MM-DD. Never the machine's own date.
 */
export function legalDay(offsetDays = 0): string {
  const [y, m, d] = inject("today").split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD as the screens write it: dd/MM/yyyy. */
export function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
