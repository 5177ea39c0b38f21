import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import type { UseQueryResult } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import "../../i18n";
import { ApiError } from "../../api/client";
import { FilterBar } from "./FilterBar";
import { defineList } from "./list-spec";
import { ListTable, type Page } from "./ListTable";
import { useListState } from "./use-list-state";

type Row = { id: string; name: string; created_at: string };

const LIST = defineList({
  filters: {
    q: { kind: "search", label: "users.search" },
    role: { kind: "select", label: "users.role", values: ["admin", "viewer"], optionLabel: (r) => `role.${r}` },
    revoked: { kind: "boolean", label: "apiKeys.includeRevoked" },
  },
  sort: { fields: ["name", "created_at"], default: "-created_at", labels: { name: "apiKeys.name", created_at: "list.createdAt" } },
  pageSizes: [20, 50],
  empty: "users.empty",
});

const query = (state: Partial<UseQueryResult<Page<Row>>>) =>
  ({ data: undefined, isError: false, error: null, isFetching: false, ...state }) as UseQueryResult<Page<Row>>;

const ROWS: Row[] = [
  { id: "1", name: "Một cửa", created_at: "2026-11-20T08:00:00Z" },
  { id: "2", name: "Cổng dịch vụ công", created_at: "2026-11-21T08:00:00Z" },
];

function Screen({ result }: { result: UseQueryResult<Page<Row>> }) {
  const list = useListState(LIST);
  const location = useLocation();
  return (
    <>
      <output data-testid="url">{location.search}</output>
      <FilterBar list={list} />
      <ListTable
        list={list}
        query={result}
        rowKey="id"
        columns={[
          { title: "Name", dataIndex: "name", sortField: "name" },
          { title: "Created", dataIndex: "created_at" },
        ]}
      />
    </>
  );
}

function show(url: string, result: UseQueryResult<Page<Row>>) {
  const router = createMemoryRouter([{ path: "/", element: <Screen result={result} /> }], { initialEntries: [url] });
  render(<RouterProvider router={router} />);
  return { url: () => new URLSearchParams(screen.getByTestId("url").textContent ?? "") };
}

describe("the shared list page", () => {
  it("shows the rows, the total and the URL's filters, and drops what the API would refuse", () => {
    show("/?q=lan&role=root&sort=-password", query({ data: { items: ROWS, next_cursor: "c2", total: 42 } }));
    expect(screen.getByText("Một cửa")).toBeTruthy();
    expect(screen.getByText("42 kết quả")).toBeTruthy();
    expect((screen.getByRole("searchbox", { name: "Tìm theo tên đăng nhập, họ tên, email" }) as HTMLInputElement).value).toBe("lan");
    // The refused sort shows as the default order.
    expect(screen.getByRole("combobox", { name: "Sắp xếp" }).closest(".ant-select")?.textContent).toContain("Ngày tạo (giảm dần)");
  });

  it("goes to the next page, and drops the cursor as soon as a filter changes", () => {
    const { url } = show("/?q=lan", query({ data: { items: ROWS, next_cursor: "c2" } }));
    fireEvent.click(screen.getByRole("button", { name: "Trang sau" }));
    expect(url().get("cursor")).toBe("c2");
    expect(url().get("q")).toBe("lan");

    const search = screen.getByRole("searchbox", { name: "Tìm theo tên đăng nhập, họ tên, email" });
    fireEvent.change(search, { target: { value: "  hoa " } });
    fireEvent.keyDown(search, { key: "Enter", code: "Enter" });
    expect(url().get("q")).toBe("hoa");
    expect(url().get("cursor")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Trang sau" }));
    fireEvent.click(screen.getByRole("switch", { name: "Hiện cả khóa đã thu hồi" }));
    expect(url().get("revoked")).toBe("1");
    expect(url().get("cursor")).toBeNull();
  });

  it("sorts from a column header, dropping the cursor", () => {
    const { url } = show("/?cursor=c2", query({ data: { items: ROWS, next_cursor: null } }));
    fireEvent.click(within(screen.getByRole("columnheader", { name: /Name/ })).getByText("Name"));
    expect(url().get("sort")).toBe("name");
    expect(url().get("cursor")).toBeNull();
  });

  it("clears the filters but keeps the sort", () => {
    const { url } = show("/?q=lan&revoked=1&sort=name&cursor=c2", query({ data: { items: [], next_cursor: null } }));
    // Nothing matches: the empty text says so rather than "nothing yet".
    expect(screen.getByText("Không có kết quả phù hợp với bộ lọc.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Xóa bộ lọc" }));
    expect(url().toString()).toBe("sort=name");
    expect(screen.getByText("Không có người dùng phù hợp.")).toBeTruthy();
  });

  it("translates a problem+json failure", () => {
    show("/", query({ isError: true, error: new ApiError({ status: 403, code: "forbidden", detail: "Forbidden" }) }));
    expect(screen.getByText("Bạn không có quyền thực hiện thao tác này.")).toBeTruthy();
    expect(screen.getByText("Không tải được dữ liệu.")).toBeTruthy();
  });
});
