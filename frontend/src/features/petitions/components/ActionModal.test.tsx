import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import type { VersionedPetition } from "../api/get-petition";
import type { WorkflowRead } from "../api/types";
import { ActionModal } from "./ActionModal";

const transition = vi.fn();
vi.mock("../api/transition-petition", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useTransitionPetition: () => useMutation({ mutationFn: transition }) };
});

const WORKFLOWS: WorkflowRead[] = [
  {
    kind: "denunciation",
    initial: "received",
    terminal: ["closed"],
    states: { accepted: [{ action: "extend", to: null, requires: ["decision_number"] }] },
  },
];

const versioned = {
  etag: '"v4"',
  petition: {
    id: "p-1",
    reference: "01273-2026-000001",
    kind: "denunciation",
    status: "accepted",
    allowed_actions: ["extend", "start_verification"],
  },
} as unknown as VersionedPetition;

const renderModal = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <ActionModal
          versioned={versioned}
          action="extend"
          workflows={WORKFLOWS}
          notBefore="2026-11-23"
          UnitPicker={() => null}
          onClose={() => {}}
        />
      </App>
    </QueryClientProvider>,
  );

describe("an action's form", () => {
  it("asks what the workflow requires and sends it with the ETag of the case on screen", async () => {
    transition.mockResolvedValue({ petition: { ...versioned.petition, status: "accepted" }, etag: '"v5"' });
    renderModal();
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByLabelText("Số ngày gia hạn")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    await waitFor(() => expect(within(dialog).getByText("Bắt buộc nhập")).toBeTruthy());
    expect(transition).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText("Số quyết định gia hạn"), { target: { value: " 12/QĐ-UBND " } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    await waitFor(() => expect(transition).toHaveBeenCalledOnce());
    const sent = transition.mock.calls[0]?.[0];
    expect(sent).toMatchObject({ petitionId: "p-1", etag: '"v4"', body: { action: "extend", decision_number: "12/QĐ-UBND" } });
    expect(sent.body.effective_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("says which acts are allowed when the case has moved on (409)", async () => {
    transition.mockReset();
    transition.mockRejectedValue(
      new ApiError({
        status: 409,
        code: "invalid_transition",
        detail: "'extend' is not allowed",
        extensions: { status: "accepted", allowed_actions: ["start_verification", "withdraw"] },
      }),
    );
    renderModal();
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Số quyết định gia hạn"), { target: { value: "12/QĐ-UBND" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Thao tác được phép: Xác minh, Rút đơn");
  });

  it("puts the server's field errors on the fields (422)", async () => {
    transition.mockReset();
    transition.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "extension_too_long",
        detail: "An extension lasts at most 30 days",
        fieldErrors: [{ in: "body", field: "extension_days", code: "extension_too_long", message: "too long" }],
      }),
    );
    renderModal();
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Số quyết định gia hạn"), { target: { value: "12/QĐ-UBND" } });
    fireEvent.change(within(dialog).getByLabelText("Số ngày gia hạn"), { target: { value: "45" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Gia hạn" }));
    await waitFor(() => expect(within(dialog).getByText("Vượt quá số ngày luật cho phép")).toBeTruthy());
  });
});
