import { beforeEach, describe, expect, it, vi } from "vitest";

describe("a list's export request", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.unstubAllGlobals();
    vi.stubEnv("VITE_API_BASE_URL", "http://api.test");
  });

  it("asks the list's route for XLSX with the filters and sort, without a page", async () => {
    const seen: URL[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: Request) => {
        seen.push(new URL(input.url));
        return new Response("PK", { status: 200, headers: { "Content-Type": "application/octet-stream" } });
      }),
    );
    const { exportPetitions } = await import("./list-petitions");
    const blob = await exportPetitions({ q: "đất", status: ["accepted"], sort: "-received_on", cursor: "abc", includeTotal: true });
    expect(await blob.text()).toBe("PK");
    const query = seen[0]!.searchParams;
    expect(seen[0]!.pathname).toBe("/api/v1/petitions");
    expect(query.get("format")).toBe("xlsx");
    expect(query.get("q")).toBe("đất");
    expect(query.get("status")).toBe("accepted");
    expect(query.get("sort")).toBe("-received_on");
    expect(query.has("cursor")).toBe(false);
    expect(query.has("include_total")).toBe(false);
  });
});
