import { describe, expect, it } from "vitest";
import { defineList } from "./list-spec";
import { clearedFilters, readListState, writeListState } from "./list-state";

const KINDS = ["complaint", "denunciation", "petition"] as const;
const UNIT = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";

const spec = defineList({
  filters: {
    q: { kind: "search", label: "q", maxLength: 20 },
    kind: { kind: "multi", label: "kind", values: KINDS },
    category: { kind: "multi", label: "category" },
    role: { kind: "select", label: "role", values: ["admin", "officer"] },
    unit: { kind: "unit", label: "unit" },
    received: { kind: "dateRange", label: "received", from: "from", to: "to" },
    revoked: { kind: "boolean", label: "revoked" },
  },
  sort: { fields: ["received_on", "due_on"], default: "-received_on", labels: { received_on: "r", due_on: "d" } },
  pageSizes: [20, 50, 100],
  empty: "empty",
});

const read = (query: string) => readListState(spec, new URLSearchParams(query));
const write = (query: string, change: Parameters<typeof writeListState<typeof spec.filters>>[2]) =>
  writeListState(spec, new URLSearchParams(query), change).toString();

describe("a list's state in the URL", () => {
  it("reads every kind of filter, the sort, the page size and the cursor", () => {
    const state = read(
      `q=%20%C4%91%E1%BA%A5t%20&kind=petition,complaint&category=land,housing&role=officer&unit=${UNIT}` +
        "&from=2026-11-01&to=2026-11-26&revoked=1&sort=due_on&limit=50&cursor=abc",
    );
    expect(state.filters).toEqual({
      q: "đất",
      kind: ["complaint", "petition"],
      category: ["land", "housing"],
      role: "officer",
      unit: UNIT,
      received: { from: "2026-11-01", to: "2026-11-26" },
      revoked: true,
    });
    expect(state).toMatchObject({ sort: "due_on", pageSize: 50, cursor: "abc", filtered: true });
  });

  it("gives the defaults for an empty URL, and says nothing is filtered", () => {
    expect(read("")).toEqual({
      filters: { q: "", kind: [], category: [], role: null, unit: null, received: { from: null, to: null }, revoked: false },
      sort: "-received_on",
      pageSize: 20,
      cursor: null,
      filtered: false,
    });
    // Sort and page size are not filters.
    expect(read("sort=due_on&limit=100").filtered).toBe(false);
  });

  it("drops the values the API does not allow", () => {
    const state = read(
      "q=" + "x".repeat(21) + "&kind=bogus,denunciation,,&role=root&unit=not-a-uuid" +
        "&from=2026-13-45&to=26/11/2026&revoked=yes&sort=-password&limit=7",
    );
    expect(state.filters).toMatchObject({
      q: "",
      kind: ["denunciation"],
      role: null,
      unit: null,
      received: { from: null, to: null },
      revoked: false,
    });
    expect(state.sort).toBe("-received_on");
    expect(state.pageSize).toBe(20);
    expect(state.filtered).toBe(true);
  });

  it("writes filters in their URL form and leaves out what is empty or refused", () => {
    expect(
      write("", {
        filters: {
          q: "  hoang thi  ",
          kind: ["petition", "complaint"],
          role: "officer",
          unit: UNIT,
          received: { from: "2026-11-01", to: null },
          revoked: true,
        },
      }),
    ).toBe(`q=hoang+thi&kind=petition%2Ccomplaint&role=officer&unit=${UNIT}&from=2026-11-01&revoked=1`);
    expect(write("q=a&kind=petition&revoked=1", { filters: { q: "", kind: [], revoked: false } })).toBe("");
    expect(write("", { filters: { role: "root" as never, kind: ["bogus"] as never } })).toBe("");
  });

  it("drops the cursor when a filter, the sort or the page size changes", () => {
    expect(write("kind=petition&cursor=abc", { filters: { q: "đất" } })).toBe("kind=petition&q=%C4%91%E1%BA%A5t");
    expect(write("cursor=abc", { sort: "due_on" })).toBe("sort=due_on");
    expect(write("cursor=abc&sort=due_on", { pageSize: 50 })).toBe("sort=due_on&limit=50");
    expect(write("cursor=abc", { filters: { received: { from: null, to: "2026-11-26" } } })).toBe("to=2026-11-26");
  });

  it("keeps everything else when only the cursor moves, and Back-able pages have their own URL", () => {
    expect(write("kind=petition&sort=due_on", { cursor: "next" })).toBe("kind=petition&sort=due_on&cursor=next");
    expect(write("kind=petition&cursor=next", { cursor: null })).toBe("kind=petition");
  });

  it("leaves defaults and refused sorts out of the URL", () => {
    expect(write("sort=due_on", { sort: "-received_on" })).toBe("");
    expect(write("sort=due_on", { sort: "-password" })).toBe("");
    expect(write("sort=due_on", { sort: null })).toBe("");
    expect(write("limit=50", { pageSize: 20 })).toBe("");
    expect(write("", { pageSize: 7 })).toBe("");
  });

  it("keeps parameters the list does not own", () => {
    expect(write("tab=x&cursor=abc", { filters: { role: "admin" } })).toBe("tab=x&role=admin");
  });

  it("clears every filter but keeps the sort and page size", () => {
    expect(write(`q=a&kind=petition&unit=${UNIT}&from=2026-01-01&sort=due_on&limit=50&cursor=c`, clearedFilters(spec))).toBe(
      "sort=due_on&limit=50",
    );
  });

  it("shows a select's default when the URL names none, and keeps the default out of the URL", () => {
    const withDefault = defineList({
      filters: { permission: { kind: "select", label: "p", values: ["read", "grant"], default: "read" } },
      sort: { fields: ["name"], default: "name", labels: { name: "n" } },
      pageSizes: [20],
      empty: "empty",
    });
    const at = (query: string) => readListState(withDefault, new URLSearchParams(query));
    expect(at("").filters.permission).toBe("read");
    expect(at("permission=bogus").filters.permission).toBe("read");
    expect(at("").filtered).toBe(false);
    expect(at("permission=grant")).toMatchObject({ filters: { permission: "grant" }, filtered: true });
    const to = (query: string, permission: "read" | "grant" | null) =>
      writeListState(withDefault, new URLSearchParams(query), { filters: { permission } }).toString();
    expect(to("", "grant")).toBe("permission=grant");
    expect(to("permission=grant&cursor=c2", "read")).toBe("");
    expect(to("permission=grant", null)).toBe("");
    expect(writeListState(withDefault, new URLSearchParams("permission=grant"), clearedFilters(withDefault)).toString()).toBe("");
  });
});

describe("a one-day filter", () => {
  const days = defineList({
    filters: { on: { kind: "date", label: "on" } },
    sort: { fields: ["name"], default: "name", labels: { name: "n" } },
    pageSizes: [20],
    empty: "empty",
  });

  it("reads a calendar day and drops anything else", () => {
    expect(readListState(days, new URLSearchParams("on=2026-11-26")).filters.on).toBe("2026-11-26");
    expect(readListState(days, new URLSearchParams("on=2026-11-26")).filtered).toBe(true);
    expect(readListState(days, new URLSearchParams("on=26/11/2026")).filters.on).toBeNull();
    expect(readListState(days, new URLSearchParams("on=2026-02-31x")).filters.on).toBeNull();
  });

  it("writes a day, and leaves the URL when cleared", () => {
    expect(writeListState(days, new URLSearchParams("cursor=abc"), { filters: { on: "2026-11-26" } }).toString()).toBe("on=2026-11-26");
    expect(writeListState(days, new URLSearchParams("on=2026-11-26"), { filters: { on: null } }).toString()).toBe("");
  });
});
