import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import "../../../i18n";
import { ApiError } from "../../../api/client";
import type { UnitRead } from "../api/types";
import { ReorganizationModal } from "./ReorganizationModal";

const createReorganization = vi.fn();
vi.mock("../api/create-reorganization", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useCreateReorganization: () => useMutation({ mutationFn: createReorganization }) };
});
// No server here: the first predecessor is the unit the form starts from.
vi.mock("../api/get-unit", () => ({
  useVersionedUnit: () => ({ data: undefined }),
  useUnit: () => ({ data: undefined, isPending: true }),
}));

const commune: UnitRead = {
  id: "aaaaaaaa-0000-4000-8000-000000000001",
  code: "01708",
  name: "Xã Bạch Đằng",
  kind: "commune",
  status: "active",
  code_system: "decision_19_2025",
  electronic_id: null,
  parent_id: "2f2543f4-49d1-48bb-8d41-745083deea96",
  depth: 1,
  valid_from: "2025-07-01",
  valid_to: null,
  remote_area: false,
  latitude: null,
  longitude: null,
  external_ref: null,
  created_at: "2025-07-01T00:00:00Z",
  updated_at: "2025-07-01T00:00:00Z",
};

function renderModal() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ReorganizationModal unit={commune} onClose={() => {}} onDone={() => {}} />
    </QueryClientProvider>,
  );
}

describe("ReorganizationModal", () => {
  it("records a rename of the selected unit, dated today, with its legal basis", async () => {
    createReorganization.mockResolvedValue({ id: "r1", kind: "rename", successors: [] });
    renderModal();
    fireEvent.click(screen.getByText("Đổi tên"));
    const name = await screen.findByLabelText("Tên mới");
    expect((name as HTMLInputElement).value).toBe("Xã Bạch Đằng");
    fireEvent.change(name, { target: { value: "Xã Bạch Đằng Mới" } });
    fireEvent.change(screen.getByLabelText("Căn cứ pháp lý"), { target: { value: "Nghị quyết 1/2026/NQ-HĐND" } });
    fireEvent.click(screen.getByRole("button", { name: "Ghi nhận" }));
    await waitFor(() => expect(createReorganization).toHaveBeenCalledOnce());
    expect(createReorganization.mock.calls[0]?.[0].body).toEqual({
      kind: "rename",
      // Today is the pinned day (src/test-setup.ts), never the machine's.
      effective_date: import.meta.env.QCDC_TEST_TODAY,
      legal_basis: "Nghị quyết 1/2026/NQ-HĐND",
      note: null,
      predecessor_ids: [commune.id],
      successors: [{ unit_id: commune.id, name: "Xã Bạch Đằng Mới" }],
      child_moves: [],
    });
  });

  it("asks for a second unit before sending a merge", async () => {
    createReorganization.mockClear();
    renderModal();
    fireEvent.change(screen.getByLabelText("Tên đơn vị"), { target: { value: "Xã Mới" } });
    fireEvent.change(screen.getByLabelText("Mã"), { target: { value: "99001" } });
    fireEvent.change(screen.getByLabelText("Căn cứ pháp lý"), { target: { value: "Nghị quyết 1/2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Ghi nhận" }));
    await waitFor(() => expect(screen.getByText("Chọn ít nhất hai đơn vị")).toBeTruthy());
    expect(createReorganization).not.toHaveBeenCalled();
  });

  it("puts the server's error on the renamed unit's name field", async () => {
    createReorganization.mockReset();
    createReorganization.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "validation_failed",
        detail: "1 field(s) are not valid: successors.0.name",
        fieldErrors: [{ in: "body", field: "successors.0.name", code: "string_too_long", message: "too long" }],
      }),
    );
    renderModal();
    fireEvent.click(screen.getByText("Đổi tên"));
    fireEvent.change(await screen.findByLabelText("Tên mới"), { target: { value: "Xã Khác" } });
    fireEvent.change(screen.getByLabelText("Căn cứ pháp lý"), { target: { value: "Nghị quyết 2/2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Ghi nhận" }));
    await waitFor(() => expect(screen.getByText("Quá dài")).toBeTruthy());
  });
});
