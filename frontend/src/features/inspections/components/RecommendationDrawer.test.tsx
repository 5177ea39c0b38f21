import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import { MemoryRouter } from "react-router";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import { recommendationQueryOptions } from "../api/get-recommendation";
import { recommendationEventsQueryOptions, recommendationReportsQueryOptions } from "../api/list-recommendation-reports";
import type { ProgressReportRead, RecommendationEventRead, RecommendationRead } from "../api/types";
import { RecommendationDrawer } from "./RecommendationDrawer";

const transition = vi.fn();
const report = vi.fn();
vi.mock("../api/write-recommendation", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return {
    useTransitionRecommendation: () => useMutation({ mutationFn: transition }),
    useCreateProgressReport: () => useMutation({ mutationFn: report }),
  };
});

const REC = {
  id: "r-1",
  team_id: "team-1",
  finding_id: null,
  owner_unit_id: "u-ward",
  owner_unit: { id: "u-ward", code: "01273", name: "Phường Thục Phán", kind: "ward", status: "active" },
  content: "Niêm yết công khai dự toán ngân sách",
  due_on: "2026-12-01",
  status: "in_progress",
  verified_on: null,
  allowed_actions: ["report_done"],
  external_ref: null,
  created_at: "2026-11-16T02:00:00Z",
  updated_at: "2026-11-20T02:00:00Z",
  overdue: false,
  days_left: 5,
} as RecommendationRead;

const NO_REPORTS: ProgressReportRead[] = [];
const EVENTS: RecommendationEventRead[] = [
  {
    id: 1,
    occurred_at: "2026-11-20T02:00:00Z",
    effective_on: "2026-11-20",
    action: "start",
    from_status: "open",
    to_status: "in_progress",
    actor_type: "user",
    actor_name: "Nông Văn Hùng",
    data: {},
  },
];

function renderDrawer(r: RecommendationRead) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(recommendationQueryOptions(r.id).queryKey, { recommendation: r, etag: '"r7"' });
  client.setQueryData(recommendationReportsQueryOptions(r.id).queryKey, NO_REPORTS);
  client.setQueryData(recommendationEventsQueryOptions(r.id).queryKey, EVENTS);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <App>
          <RecommendationDrawer recommendationId={r.id} onClose={() => {}} />
        </App>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return screen.getByRole("dialog");
}

describe("a recommendation's follow-up", () => {
  it("offers the owner its moves and progress reports, and moves it with the copy's ETag", async () => {
    transition.mockResolvedValue({ recommendation: { ...REC, status: "reported_done", allowed_actions: [] }, etag: '"r8"' });
    const drawer = renderDrawer(REC);
    expect(within(drawer).getByText("Phường Thục Phán")).toBeTruthy();
    expect(within(drawer).getByText("còn 5 ngày")).toBeTruthy();
    expect(within(drawer).getByText("Báo cáo tiến độ", { selector: "button span" })).toBeTruthy();
    expect(within(drawer).queryByText("Xác nhận hoàn thành")).toBeNull();
    fireEvent.click(within(drawer).getByText("Báo cáo hoàn thành", { selector: "button span" }));
    const form = await within(drawer).findByRole("form", { name: "Báo cáo hoàn thành" });
    fireEvent.click(within(form).getByText("Báo cáo hoàn thành", { selector: "button span" }));
    await waitFor(() => expect(transition).toHaveBeenCalledOnce());
    expect(transition.mock.calls[0]?.[0]).toMatchObject({ id: "r-1", etag: '"r7"', body: { action: "report_done" } });
  });

  it("says which moves the state allows when the API refuses one (409)", async () => {
    transition.mockReset();
    transition.mockRejectedValue(
      new ApiError({
        status: 409,
        code: "action_not_allowed",
        detail: "not allowed",
        extensions: { allowed_actions: ["verify", "reject_report"], recommendation_status: "reported_done" },
      }),
    );
    const drawer = renderDrawer(REC);
    fireEvent.click(within(drawer).getByText("Báo cáo hoàn thành", { selector: "button span" }));
    const form = await within(drawer).findByRole("form", { name: "Báo cáo hoàn thành" });
    fireEvent.click(within(form).getByText("Báo cáo hoàn thành", { selector: "button span" }));
    const alert = await within(form).findByRole("alert");
    expect(alert.textContent).toContain("(Đã báo cáo hoàn thành;");
    expect(alert.textContent).toContain("Thao tác được phép: Xác nhận hoàn thành, Trả lại báo cáo.");
  });

  it("says who may report (403 not_owner) and puts a date error on its field (422)", async () => {
    report.mockRejectedValueOnce(new ApiError({ status: 403, code: "not_owner", detail: "not the owner" }));
    report.mockRejectedValueOnce(
      new ApiError({
        status: 422,
        code: "validation_failed",
        detail: "invalid",
        fieldErrors: [{ field: "reported_on", message: "before", code: "date_before_last_event", in: "body" }] as never,
      }),
    );
    const drawer = renderDrawer(REC);
    fireEvent.click(within(drawer).getByText("Báo cáo tiến độ", { selector: "button span" }));
    const form = await within(drawer).findByRole("form", { name: "Báo cáo tiến độ" });
    fireEvent.change(within(form).getByLabelText("Nội dung đã thực hiện"), { target: { value: "Đã niêm yết 12/15 xóm" } });
    fireEvent.click(within(form).getByText("Gửi báo cáo", { selector: "button span" }));
    const alert = await within(form).findByRole("alert");
    expect(alert.textContent).toContain("Chỉ đơn vị được giao kiến nghị");
    fireEvent.click(within(form).getByText("Gửi báo cáo", { selector: "button span" }));
    await waitFor(() => expect(within(form).getByText("Không được trước ngày của thao tác gần nhất")).toBeTruthy());
    expect(report).toHaveBeenCalledTimes(2);
    expect(report.mock.calls[0]?.[0]).toMatchObject({ id: "r-1", body: { text: "Đã niêm yết 12/15 xóm" } });
  });
});
