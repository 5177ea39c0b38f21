import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import { topicsQueryOptions } from "../api/list-topics";
import type { VersionedTeam } from "../api/get-team";
import type { FindingRead } from "../api/types";
import { FindingModal } from "./FindingModal";

const save = vi.fn();
vi.mock("../api/save-finding", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useSaveFinding: () => useMutation({ mutationFn: save }) };
});

const versioned = {
  etag: '"v9"',
  team: {
    id: "team-1",
    status: "in_progress",
    targets: [
      { id: "t-1", unit_id: "u-1", unit: { id: "u-1", name: "Phường Thục Phán" } },
      { id: "t-2", unit_id: "u-2", unit: { id: "u-2", name: "Phường Nùng Trí Cao" } },
    ],
  },
} as unknown as VersionedTeam;

const FINDING: FindingRead = {
  id: "f-1",
  team_id: "team-1",
  target_id: "t-2",
  unit_id: "u-2",
  topic: "publicity_of_information",
  description: "Chưa niêm yết dự toán",
  severity: "minor",
  petition_ids: [],
  created_at: "2026-11-20T02:00:00Z",
  updated_at: "2026-11-20T02:00:00Z",
};

function renderModal(finding: FindingRead | null, targetId: string | null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const topics = [
    { code: "publicity_of_information", name_vi: "Công khai thông tin", name_en: "Publicity of information", position: 1, active: true },
    { code: "people_supervise", name_vi: "Nhân dân kiểm tra, giám sát", name_en: "People supervise", position: 3, active: true },
    { code: "retired_topic", name_vi: "Nội dung cũ", name_en: "Old topic", position: 9, active: false },
  ];
  client.setQueryData(topicsQueryOptions().queryKey, topics);
  render(
    <QueryClientProvider client={client}>
      <App>
        <FindingModal versioned={versioned} finding={finding} targetId={targetId} onClose={() => {}} />
      </App>
    </QueryClientProvider>,
  );
  return screen.getByRole("dialog");
}

describe("the finding form", () => {
  it("records a finding about the target it was opened from, with the team's ETag", async () => {
    save.mockResolvedValue({ finding: FINDING, etag: '"v10"' });
    const dialog = renderModal(null, "t-1");
    expect(within(dialog).getByText("Ghi nhận phát hiện — Phường Thục Phán")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(within(dialog).getAllByText("Bắt buộc nhập")).toHaveLength(2));
    // Only active topics are offered for a new finding.
    fireEvent.mouseDown(within(dialog).getByLabelText("Nội dung"));
    await waitFor(() => expect(screen.getByTitle("Nhân dân kiểm tra, giám sát")).toBeTruthy());
    expect(screen.queryByTitle("Nội dung cũ")).toBeNull();
    fireEvent.click(screen.getByTitle("Nhân dân kiểm tra, giám sát"));
    fireEvent.click(within(dialog).getByText("Nghiêm trọng"));
    fireEvent.change(within(dialog).getByLabelText("Mô tả"), { target: { value: " Chưa có ban giám sát " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(save.mock.calls[0]?.[0]).toMatchObject({
      teamId: "team-1",
      etag: '"v9"',
      create: { target_id: "t-1", topic: "people_supervise", severity: "serious", description: "Chưa có ban giám sát" },
    });
  });

  it("sends only what changed in a correction", async () => {
    save.mockReset();
    save.mockResolvedValue({ finding: FINDING, etag: '"v10"' });
    const dialog = renderModal(FINDING, "t-2");
    expect(within(dialog).getByText("Sửa phát hiện — Phường Nùng Trí Cao")).toBeTruthy();
    fireEvent.click(within(dialog).getByText("Trung bình"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    expect(save.mock.calls[0]?.[0]).toEqual({ teamId: "team-1", etag: '"v9"', findingId: "f-1", update: { severity: "moderate" } });
  });

  it("says why the API refused: the team no longer collects findings (409)", async () => {
    save.mockReset();
    save.mockRejectedValue(new ApiError({ status: 409, code: "team_not_collecting", detail: "concluded" }));
    const dialog = renderModal(FINDING, "t-2");
    fireEvent.click(within(dialog).getByText("Nghiêm trọng"));
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Chỉ ghi nhận, sửa phát hiện khi đoàn đang tiến hành hoặc đã báo cáo");
  });
});
