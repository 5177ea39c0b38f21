import { beforeEach, describe, expect, it, vi } from "vitest";

const json = (status: number, body: unknown, type = "application/json") =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });

const pair = (n: number) => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-token-${n}`,
  token_type: "bearer",
  expires_in: 900,
  refresh_expires_in: 1209600,
});

describe("api client auth middleware", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.unstubAllGlobals();
    // A Request needs an absolute URL outside a browser.
    vi.stubEnv("VITE_API_BASE_URL", "http://api.test");
  });

  it("refreshes once on invalid_token and replays the request", async () => {
    const seen: string[] = [];
    const fetchMock = vi.fn(async (input: Request) => {
      const path = new URL(input.url).pathname;
      seen.push(`${path} ${input.headers.get("Authorization") ?? "-"}`);
      if (path === "/api/v1/auth/refresh") return json(200, pair(2));
      if (input.headers.get("Authorization") === "Bearer access-2") return json(200, []);
      return json(401, { type: "t", title: "t", status: 401, detail: "expired", code: "invalid_token" }, "application/problem+json");
    });
    vi.stubGlobal("fetch", fetchMock);
    const { api } = await import("./client");
    const { tokens } = await import("./tokens");
    tokens.set(pair(1));

    const { data, response } = await api.GET("/api/v1/units/tree", { params: { query: { depth: 0 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual([]);
    expect(seen).toEqual([
      "/api/v1/units/tree Bearer access-1",
      "/api/v1/auth/refresh -",
      "/api/v1/units/tree Bearer access-2",
    ]);
    expect(tokens.refresh()).toBe("refresh-token-2");
  });

  it("signs out locally when the refresh token is rejected", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) =>
        new URL(input.url).pathname === "/api/v1/auth/refresh"
          ? json(401, { type: "t", title: "t", status: 401, detail: "reused", code: "refresh_token_reused" }, "application/problem+json")
          : json(401, { type: "t", title: "t", status: 401, detail: "expired", code: "invalid_token" }, "application/problem+json"),
      ),
    );
    const { api } = await import("./client");
    const { tokens } = await import("./tokens");
    tokens.set(pair(1));
    const { response } = await api.GET("/api/v1/auth/me");
    expect(response.status).toBe(401);
    expect(tokens.refresh()).toBeNull();
  });
});
