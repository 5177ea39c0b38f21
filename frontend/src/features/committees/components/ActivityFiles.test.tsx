import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import "../../../i18n";
import "../i18n";
import { activityFilesQueryOptions, type ActivityRef } from "../api/activity-files";
import type { ActivityFileRead } from "../api/types";
import { ActivityFiles } from "./ActivityFiles";

const upload = vi.fn();
const remove = vi.fn();
vi.mock("../api/activity-files", async (original) => {
  const { useMutation } = await import("@tanstack/react-query");
  return {
    ...(await original<typeof import("../api/activity-files")>()),
    useUploadActivityFile: () => useMutation({ mutationFn: upload }),
    useDeleteActivityFile: () => useMutation({ mutationFn: remove }),
  };
});

const ACTIVITY: ActivityRef = { committeeId: "c-1", activityId: "a-1" };
const FILE: ActivityFileRead = {
  id: "f-1",
  activity_id: "a-1",
  filename: "Biên bản giám sát.pdf",
  content_type: "application/pdf",
  size: 52_000,
  sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  uploaded_at: "2026-09-09T10:00:00Z",
  uploaded_by: "ttnd-hoa-an",
};

function renderFiles(canWrite: boolean, files: ActivityFileRead[] = [FILE]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(activityFilesQueryOptions(ACTIVITY).queryKey, files);
  const view = render(
    <QueryClientProvider client={client}>
      <App>
        <ActivityFiles activity={ACTIVITY} canWrite={canWrite} />
      </App>
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByRole("button", { name: /Tệp đính kèm/ }));
  return view;
}

describe("an activity's files", () => {
  it("lists the files with their size for download, without upload or removal for a reader", () => {
    renderFiles(false);
    expect(screen.getByText("Biên bản giám sát.pdf")).toBeTruthy();
    expect(screen.getByText(/PDF · 52 kB/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Tải về Biên bản giám sát.pdf" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Xóa Biên bản giám sát.pdf" })).toBeNull();
    expect(screen.queryByText("Đính kèm tệp")).toBeNull();
  });

  it("lets a writer upload a file and says why one was refused", async () => {
    upload.mockResolvedValueOnce({ ...FILE, id: "f-2", filename: "anh.png" });
    const { container } = renderFiles(true);
    expect(screen.getByRole("button", { name: "Xóa Biên bản giám sát.pdf" })).toBeTruthy();
    const input = container.querySelector("input[type=file]") as HTMLInputElement;
    const file = new File(["\x89PNG"], "anh.png", { type: "image/png" });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(upload).toHaveBeenCalled());
    expect(upload.mock.calls[0]![0]).toBe(file);
  });
});
