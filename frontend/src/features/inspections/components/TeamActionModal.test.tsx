import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import type { VersionedTeam } from "../api/get-team";
import type { TeamAction, TeamWorkflowRead } from "../api/types";
import { TeamActionModal } from "./TeamActionModal";

const transition = vi.fn();
vi.mock("../api/transition-team", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useTransitionTeam: () => useMutation({ mutationFn: transition }) };
});

const WORKFLOW: TeamWorkflowRead = {
  initial: "planned",
  terminal: ["closed", "cancelled"],
  states: {
    planned: [{ action: "establish", to: "established", requires: [] }],
    reported: [{ action: "conclude", to: "concluded", requires: ["conclusion_number", "conclusion_summary"] }],
  },
};

const versioned = (status: string, allowed: TeamAction[]) =>
  ({
    etag: '"v7"',
    team: { id: "team-1", title: "Đoàn kiểm tra số 2", status, decision_number: null, decision_signer: null, allowed_actions: allowed },
  }) as unknown as VersionedTeam;

const renderModal = (v: VersionedTeam, action: TeamAction) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <TeamActionModal versioned={v} action={action} workflow={WORKFLOW} notBefore="2026-11-20" onClose={() => {}} />
      </App>
    </QueryClientProvider>,
  );

describe("a team's act", () => {
  it("asks for the conclusion's number and summary and sends them with the team's ETag", async () => {
    transition.mockResolvedValue({ team: { status: "concluded" }, etag: '"v8"' });
    renderModal(versioned("reported", ["conclude", "cancel"]), "conclude");
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Kết luận" }));
    await waitFor(() => expect(within(dialog).getAllByText("Bắt buộc nhập")).toHaveLength(2));
    expect(transition).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText("Số văn bản kết luận"), { target: { value: " 41/TB-BCĐ " } });
    fireEvent.change(within(dialog).getByLabelText("Nội dung kết luận"), { target: { value: "Thực hiện tốt" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Kết luận" }));
    await waitFor(() => expect(transition).toHaveBeenCalledOnce());
    const sent = transition.mock.calls[0]?.[0];
    expect(sent).toMatchObject({
      teamId: "team-1",
      etag: '"v7"',
      body: { action: "conclude", conclusion_number: "41/TB-BCĐ", conclusion_summary: "Thực hiện tốt" },
    });
    expect(sent.body.effective_on).toBe("2026-11-26");
    expect(sent.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("says which acts are allowed when the team has moved on (409 action_not_allowed)", async () => {
    transition.mockReset();
    transition.mockRejectedValue(
      new ApiError({
        status: 409,
        code: "action_not_allowed",
        detail: "'establish' is not allowed",
        extensions: { team_status: "established", allowed_actions: ["start", "cancel"] },
      }),
    );
    renderModal(versioned("planned", ["establish", "cancel"]), "establish");
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Số quyết định thành lập đoàn"), { target: { value: "35/QĐ-BCĐ" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Thành lập đoàn" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Đã thành lập");
    expect(alert.textContent).toContain("Thao tác được phép: Bắt đầu kiểm tra, Hủy đoàn");
  });

  it("puts the server's date error on the date (422 date_before_last_event)", async () => {
    transition.mockReset();
    transition.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "validation_failed",
        detail: "invalid",
        fieldErrors: [{ in: "body", field: "effective_on", code: "date_before_last_event", message: "before" }],
      }),
    );
    renderModal(versioned("planned", ["establish", "cancel"]), "establish");
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Số quyết định thành lập đoàn"), { target: { value: "35/QĐ-BCĐ" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Thành lập đoàn" }));
    await waitFor(() => expect(within(dialog).getByText("Không được trước ngày của thao tác gần nhất")).toBeTruthy());
  });

  it("explains a stale copy (412)", async () => {
    transition.mockReset();
    transition.mockRejectedValue(new ApiError({ status: 412, code: "precondition_failed", detail: "stale" }));
    renderModal(versioned("planned", ["establish", "cancel"]), "establish");
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Số quyết định thành lập đoàn"), { target: { value: "35/QĐ-BCĐ" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Thành lập đoàn" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Đoàn vừa được người khác cập nhật");
  });
});
