import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { keepPreviousData, QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider } from "react-router";
import "../../i18n";
import { FilterBar } from "./FilterBar";
import { defineList } from "./list-spec";
import { asksTotal, filterKey, knownTotal, rememberTotal } from "./list-total";
import { ListTable, type Page } from "./ListTable";
import { useListState } from "./use-list-state";

type Row = { id: string; name: string };
type Request = { q: string; cursor: string | null; includeTotal: boolean; sort: string };

const spec = () =>
  defineList({
    filters: { q: { kind: "search", label: "users.search" } },
    sort: { fields: ["name"], default: "name", labels: { name: "apiKeys.name" } },
    pageSizes: [2],
    empty: "users.empty",
  });

describe("list totals", () => {
  it("are keyed by the filters only, as the URL writes them", () => {
    const list = spec();
    expect(filterKey(list, { q: "lan" })).toBe("q=lan");
    expect(filterKey(list, { q: "" })).toBe("");
  });

  it("are asked with a filter set's first page, and on a later page only when the reader asks", () => {
    expect(asksTotal(null, null, "q=lan#")).toBe(true);
    expect(asksTotal("c2", null, "q=lan#c2")).toBe(false);
    expect(asksTotal("c2", "q=lan#c2", "q=lan#c2")).toBe(true);
    expect(asksTotal("c3", "q=lan#c2", "q=lan#c3")).toBe(false);
  });

  it("are remembered per list and filter set, the oldest forgotten first", () => {
    const a = spec();
    const b = spec();
    rememberTotal(a, "q=lan", 42);
    expect(knownTotal(a, "q=lan")).toBe(42);
    expect(knownTotal(b, "q=lan")).toBeNull();
    for (let i = 0; i < 20; i++) rememberTotal(a, `q=${i}`, i);
    expect(knownTotal(a, "q=lan")).toBeNull();
    expect(knownTotal(a, "q=19")).toBe(19);
  });
});

/** A fake API: three pages of two rows per filter set; a total only when asked for. */
function fakeApi(totals: Record<string, number>) {
  const requests: Request[] = [];
  const pages = ["", "c2", "c3"];
  const fetchPage = async (r: Request): Promise<Page<Row>> => {
    requests.push(r);
    const at = pages.indexOf(r.cursor ?? "");
    return {
      items: [0, 1].map((i) => ({ id: `${r.q}${at}${i}`, name: `${r.q || "row"} ${at * 2 + i + 1}` })),
      next_cursor: pages[at + 1] ?? null,
      total: r.includeTotal ? (totals[r.q] ?? 0) : null,
    };
  };
  return { requests, fetchPage };
}

function show(url: string, list: ReturnType<typeof spec>, fetchPage: (r: Request) => Promise<Page<Row>>) {
  function Screen() {
    const state = useListState(list);
    const request: Request = { q: state.filters.q, cursor: state.cursor, includeTotal: state.includeTotal, sort: state.sort };
    const query = useQuery({
      // eslint-disable-next-line no-restricted-syntax -- a test's own list, outside any feature
      queryKey: ["test-list", request],
      queryFn: () => fetchPage(request),
      placeholderData: keepPreviousData,
    });
    return (
      <>
        <FilterBar list={state} />
        <ListTable list={state} query={query} rowKey="id" columns={[{ title: "Name", dataIndex: "name", sortField: "name" }]} />
      </>
    );
  }
  const router = createMemoryRouter([{ path: "/", element: <Screen /> }], { initialEntries: [url] });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const next = () => fireEvent.click(screen.getByRole("button", { name: "Trang sau" }));
const search = (text: string) => {
  const box = screen.getByRole("searchbox", { name: "Tìm theo tên đăng nhập, họ tên, email" });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: "Enter", code: "Enter" });
};

describe("the shared list page's total", () => {
  it("is counted with the first page only, and the known total is shown while paging", async () => {
    const api = fakeApi({ "": 6, lan: 3 });
    show("/", spec(), api.fetchPage);
    await screen.findByText("row 1");
    expect(screen.getByText("6 kết quả")).toBeTruthy();

    next();
    await screen.findByText("row 3");
    next();
    await screen.findByText("row 5");
    expect(screen.getByText("6 kết quả")).toBeTruthy();
    expect(api.requests.map((r) => [r.cursor, r.includeTotal])).toEqual([
      [null, true],
      ["c2", false],
      ["c3", false],
    ]);

    // Another filter set starts over: its first page brings its own count, never the old one.
    search("lan");
    await screen.findByText("lan 1");
    expect(screen.getByText("3 kết quả")).toBeTruthy();
    expect(screen.queryByText("6 kết quả")).toBeNull();
    next();
    await screen.findByText("lan 3");
    expect(screen.getByText("3 kết quả")).toBeTruthy();
    expect(api.requests.slice(3).map((r) => [r.q, r.cursor, r.includeTotal])).toEqual([
      ["lan", null, true],
      ["lan", "c2", false],
    ]);

    // A new sort is a new first page: counted again (the count may have moved since).
    fireEvent.click(within(screen.getByRole("columnheader", { name: /Name/ })).getByText("Name"));
    await waitFor(() => expect(api.requests).toHaveLength(6));
    expect(api.requests[5]).toMatchObject({ q: "lan", cursor: null, includeTotal: true, sort: "-name" });
  });

  it("is counted on a later page opened from a link only when the reader asks, then kept", async () => {
    const api = fakeApi({ "": 6 });
    show("/?cursor=c2", spec(), api.fetchPage);
    await screen.findByText("row 3");
    expect(screen.queryByText(/^\d+ kết quả$/)).toBeNull();
    expect(api.requests).toEqual([{ q: "", cursor: "c2", includeTotal: false, sort: "name" }]);

    fireEvent.click(screen.getByRole("button", { name: "Đếm số kết quả" }));
    expect(await screen.findByText("6 kết quả")).toBeTruthy();
    expect(api.requests[1]).toEqual({ q: "", cursor: "c2", includeTotal: true, sort: "name" });

    next();
    await screen.findByText("row 5");
    expect(screen.getByText("6 kết quả")).toBeTruthy();
    expect(api.requests[2]).toEqual({ q: "", cursor: "c3", includeTotal: false, sort: "name" });
    expect(screen.queryByRole("button", { name: "Đếm số kết quả" })).toBeNull();
  });
});
