import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { createMemoryRouter, RouterProvider } from "react-router";
import "../../i18n";
import { FilterBar } from "./FilterBar";
import { defineList } from "./list-spec";
import { useListState } from "./use-list-state";

const exportByJob = vi.hoisted(() => vi.fn());
vi.mock("../../api/export-job", () => ({ exportByJob }));

const LIST = defineList({
  filters: { q: { kind: "search", label: "users.search" } },
  sort: { fields: ["name"], default: "name", labels: { name: "apiKeys.name" } },
  pageSizes: [20],
  empty: "users.empty",
});

function Screen({ download }: { download: () => Promise<Blob> }) {
  const list = useListState(LIST);
  return <FilterBar list={list} exportFile={{ name: "petitions", download }} />;
}

function show(download: () => Promise<Blob>) {
  const router = createMemoryRouter([{ path: "/", element: <Screen download={download} /> }], { initialEntries: ["/?q=đất"] });
  render(
    <App>
      <RouterProvider router={router} />
    </App>,
  );
}

describe("the list's Excel export", () => {
  const saved: string[] = [];
  beforeEach(() => {
    saved.length = 0;
    URL.createObjectURL = vi.fn(() => "blob:export");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("downloads the file the list fetches and saves it under the list's name and today's date", async () => {
    const download = vi.fn(async () => new Blob(["xlsx"]));
    show(download);
    fireEvent.click(screen.getByRole("button", { name: /Xuất Excel/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(download).toHaveBeenCalledOnce();
    expect(saved[0]).toMatch(/^petitions-\d{8}\.xlsx$/);
  });

  it("says why when the server refuses", async () => {
    const { ApiError } = await import("../../api/client");
    const refusal = new ApiError({ status: 422, code: "export_too_large", detail: "Quá nhiều dòng" });
    show(() => Promise.reject(refusal));
    fireEvent.click(screen.getByRole("button", { name: /Xuất Excel/ }));
    await waitFor(() => expect(document.body.textContent).toMatch(/quá lớn/));
    expect(saved).toHaveLength(0);
  });

  it("exports a list too large for a request by a job, showing its progress, and saves the job's file", async () => {
    const { ApiError } = await import("../../api/client");
    const url = "http://api.test/api/v1/petitions?q=%C4%91%E1%BA%A5t&format=xlsx";
    const refusal = new ApiError({ status: 422, code: "export_too_large", detail: "Quá nhiều dòng", url });
    exportByJob.mockImplementation(async (_list: string, onProgress: (done: number, total: number) => void) => {
      onProgress(500, 120000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { blob: new Blob(["xlsx"]), filename: "petitions-20261126.xlsx" };
    });
    show(() => Promise.reject(refusal));
    fireEvent.click(screen.getByRole("button", { name: /Xuất Excel/ }));
    await waitFor(() => expect(document.body.textContent).toMatch(/500 \/ 120\.000 dòng/));
    await waitFor(() => expect(saved).toEqual(["petitions-20261126.xlsx"]));
    expect(exportByJob.mock.calls[0]![0]).toBe(url);
  });
});
