import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import "../../../i18n";
import { ApiError } from "../../../api/client";
import type { UnitRead } from "../api/types";
import { UnitFormModal } from "./UnitFormModal";

const createUnit = vi.fn();
vi.mock("../api/create-unit", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useCreateUnit: () => useMutation({ mutationFn: createUnit }) };
});

const ward: UnitRead = {
  id: "802780d8-5ea6-4a6c-a1a0-9d86821a63d2",
  code: "01273",
  name: "Phường Thục Phán",
  kind: "ward",
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

describe("UnitFormModal (create)", () => {
  it("sends the new child of the selected unit and shows the server's field errors in Vietnamese", async () => {
    createUnit.mockRejectedValue(
      new ApiError({
        status: 409,
        code: "duplicate_code",
        detail: "Code TDP05 is already used by a live unit of the village family.",
        fieldErrors: [{ in: "body", field: "code", code: "duplicate_code", message: "already used by a live unit" }],
      }),
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <UnitFormModal open mode="create" parent={ward} onClose={() => {}} onDone={() => {}} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText("Tên đơn vị"), { target: { value: "Tổ dân phố 5" } });
    fireEvent.change(screen.getByLabelText("Mã"), { target: { value: "TDP05" } });
    fireEvent.click(screen.getByRole("button", { name: "Tạo" }));
    await waitFor(() => expect(screen.getByText("Mã đã được dùng cho một đơn vị đang hoạt động")).toBeTruthy());
    expect(createUnit).toHaveBeenCalledOnce();
    // Under a ward, the first kind offered is a village.
    expect(createUnit.mock.calls[0]?.[0]).toMatchObject({
      body: { name: "Tổ dân phố 5", code: "TDP05", kind: "village", parent_id: ward.id },
    });
  });

  it("checks the code's characters before sending", async () => {
    createUnit.mockClear();
    render(
      <QueryClientProvider client={new QueryClient()}>
        <UnitFormModal open mode="create" parent={ward} onClose={() => {}} onDone={() => {}} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText("Tên đơn vị"), { target: { value: "Tổ dân phố 5" } });
    fireEvent.change(screen.getByLabelText("Mã"), { target: { value: "TDP 05" } });
    fireEvent.click(screen.getByRole("button", { name: "Tạo" }));
    await waitFor(() => expect(screen.getByText("Chỉ gồm chữ không dấu, chữ số và các ký tự . _ -")).toBeTruthy());
    expect(createUnit).not.toHaveBeenCalled();
  });
});
