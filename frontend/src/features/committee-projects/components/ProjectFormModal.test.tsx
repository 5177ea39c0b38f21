import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import { MemoryRouter } from "react-router";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import type { VersionedProject } from "../api/projects";
import { aProject } from "../test-fixtures";
import { ProjectFormModal } from "./ProjectFormModal";
import type { UnitPicker } from "./slots";

const update = vi.fn();
vi.mock("../api/projects", async () => {
  const { useMutation, queryOptions } = await import("@tanstack/react-query");
  const { projectsKeys } = await import("../api/keys");
  return {
    useCreateProject: () => useMutation({ mutationFn: vi.fn() }),
    useUpdateProject: () => useMutation({ mutationFn: update }),
    projectQueryOptions: (id: string) => queryOptions({ queryKey: projectsKeys.detail(id), queryFn: vi.fn() }),
  };
});

// A text box standing in for the units' tree: it shows the known unit's name, else the id typed.
const FakePicker: UnitPicker = ({ id, value, onChange, placeholder, known }) => (
  <input id={id} placeholder={placeholder} value={known?.name ?? value ?? ""} onChange={(e) => onChange?.(e.target.value || null)} />
);

const existing: VersionedProject = { etag: '"v3"', project: aProject() };

function renderForm() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <App>
          <ProjectFormModal UnitPicker={FakePicker} ownUnit={null} existing={existing} onClose={() => {}} />
        </App>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return screen.getByRole("dialog");
}

describe("the project form's locations", () => {
  it("starts from the main location and the others, sends them whole with If-Match, and puts location_unit_ids.N on the Nth further picker", async () => {
    update.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "validation_failed",
        detail: "Invalid input.",
        fieldErrors: [{ field: "body.location_unit_ids.2", code: "unit_kind_mismatch", message: "not a commune", in: "body" } as never],
      }),
    );
    const dialog = renderForm();
    expect((within(dialog).getByLabelText("Địa điểm chính (xã, phường, đặc khu)") as HTMLInputElement).value).toBe("Xã Xuân Trường");
    expect((within(dialog).getByLabelText("Địa điểm khác 1") as HTMLInputElement).value).toBe("Xã Hưng Đạo");

    fireEvent.click(within(dialog).getByRole("button", { name: /Thêm địa điểm/ }));
    fireEvent.change(await within(dialog).findByLabelText("Địa điểm khác 2"), { target: { value: "v9" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(update).toHaveBeenCalledOnce(), { timeout: 5_000 });
    expect(update.mock.calls[0]?.[0]).toEqual({ id: "p-1", body: { location_unit_ids: ["c1", "c2", "v9"] }, etag: '"v3"' });
    await within(dialog).findByText("Chỉ chọn xã, phường, đặc khu");
    const further = within(dialog).getByLabelText("Địa điểm khác 2").closest(".ant-form-item");
    expect(further?.textContent).toContain("Chỉ chọn xã, phường, đặc khu");
  });

  it("refuses a unit named twice on its picker, sending nothing", async () => {
    update.mockReset();
    const dialog = renderForm();
    fireEvent.click(within(dialog).getByRole("button", { name: /Thêm địa điểm/ }));
    fireEvent.change(await within(dialog).findByLabelText("Địa điểm khác 2"), { target: { value: "c1" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await within(dialog).findByText("Đơn vị này đã được chọn");
    expect(update).not.toHaveBeenCalled();
  });
});
