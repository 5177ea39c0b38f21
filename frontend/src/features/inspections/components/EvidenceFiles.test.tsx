import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import { attachmentsQueryOptions, type AttachmentRead, type FilesOwner } from "../api/list-attachments";
import { EvidenceFiles } from "./EvidenceFiles";

const upload = vi.fn();
const remove = vi.fn();
vi.mock("../api/upload-attachment", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useUploadAttachment: () => useMutation({ mutationFn: upload }) };
});
vi.mock("../api/delete-attachment", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useDeleteAttachment: () => useMutation({ mutationFn: remove }) };
});

const OWNER: FilesOwner = { kind: "finding", teamId: "team-1", findingId: "f-1" };
const FILE = {
  id: "a-1",
  finding_id: "f-1",
  filename: "Biên bản kiểm tra.pdf",
  content_type: "application/pdf",
  size: 183_244,
  sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  uploaded_at: "2026-09-09T10:00:00Z",
  uploaded_by: "officer-a",
} as AttachmentRead;

function renderFiles(canWrite: boolean, files: AttachmentRead[] = [FILE]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(attachmentsQueryOptions(OWNER).queryKey, files);
  const view = render(
    <QueryClientProvider client={client}>
      <App>
        <EvidenceFiles owner={OWNER} canWrite={canWrite} />
      </App>
    </QueryClientProvider>,
  );
  fireEvent.click(screen.getByRole("button", { name: /Tệp đính kèm/ }));
  return view;
}

describe("a finding's evidence files", () => {
  it("lists the files for download, without upload or removal for a reader", () => {
    renderFiles(false);
    expect(screen.getByText("Biên bản kiểm tra.pdf")).toBeTruthy();
    expect(screen.getByText(/PDF · 183 kB/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Tải về Biên bản kiểm tra.pdf" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Xóa Biên bản kiểm tra.pdf" })).toBeNull();
    expect(screen.queryByText("Đính kèm tệp")).toBeNull();
  });

  it("says when there is no file", () => {
    renderFiles(false, []);
    expect(screen.getByText("Chưa có tệp nào.")).toBeTruthy();
  });

  it("lets the organiser upload, and says why a file was refused", async () => {
    upload.mockRejectedValueOnce(
      new ApiError({ status: 415, code: "unsupported_file_type", detail: "not a PDF", extensions: { accepted_types: ["application/pdf"] } }),
    );
    const { container } = renderFiles(true);
    expect(screen.getByRole("button", { name: "Xóa Biên bản kiểm tra.pdf" })).toBeTruthy();
    const input = container.querySelector("input[type=file]") as HTMLInputElement;
    const file = new File(["not really"], "don.pdf", { type: "application/pdf" });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(upload).toHaveBeenCalled());
    expect(upload.mock.calls[0]![0]).toBe(file);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("don.pdf: Loại tệp không được chấp nhận");
  });
});
