/**
 * Where the session lives: the access token only in memory (XSS can't lift it from storage),
 * the refresh token in localStorage so a reload keeps the session.
 */
const REFRESH_KEY = "qcdc.refresh_token";

let access: { token: string; expiresAt: number } | null = null;
const listeners = new Set<() => void>();

export const tokens = {
  access(): string | null {
    // Treat a token as gone 30 s early so a request doesn't race its expiry.
    return access && access.expiresAt - 30_000 > Date.now() ? access.token : null;
  },
  refresh(): string | null {
    return localStorage.getItem(REFRESH_KEY);
  },
  set(pair: { access_token: string; refresh_token: string; expires_in: number }): void {
    access = { token: pair.access_token, expiresAt: Date.now() + pair.expires_in * 1000 };
    localStorage.setItem(REFRESH_KEY, pair.refresh_token);
    listeners.forEach((l) => l());
  },
  clear(): void {
    const had = access !== null || localStorage.getItem(REFRESH_KEY) !== null;
    access = null;
    localStorage.removeItem(REFRESH_KEY);
    if (had) listeners.forEach((l) => l());
  },
  /** Called whenever the session starts or ends, so the app can route to sign-in. */
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
