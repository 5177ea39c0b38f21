import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import "../../../i18n";
import { ApiError } from "../../../api/client";
import { CreateUserModal } from "./CreateUserModal";

const createUser = vi.fn();
vi.mock("../api/create-user", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useCreateUser: () => useMutation({ mutationFn: createUser }) };
});

describe("CreateUserModal", () => {
  it("shows the server's field errors under the matching inputs", async () => {
    createUser.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "validation_failed",
        detail: "Invalid input",
        fieldErrors: [{ in: "body", field: "username", code: "conflict", message: "Username taken" }],
      }),
    );
    const UnitPicker = () => null;
    render(
      <QueryClientProvider client={new QueryClient()}>
        <CreateUserModal open onClose={() => {}} UnitPicker={UnitPicker} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText("Tên đăng nhập"), { target: { value: "lan" } });
    fireEvent.change(screen.getByLabelText("Họ và tên"), { target: { value: "Nguyễn Thị Lan" } });
    fireEvent.change(screen.getByLabelText("Mật khẩu"), { target: { value: "mat-khau-du-dai-2026" } });
    fireEvent.click(screen.getByRole("button", { name: /Tạo/ }));
    // `conflict` has a Vietnamese message, shown on the username field.
    await waitFor(() => expect(screen.getByText("Đã tồn tại")).toBeTruthy());
    expect(createUser).toHaveBeenCalledOnce();
    expect(createUser.mock.calls[0]?.[0]).toMatchObject({ body: { username: "lan", roles: ["viewer"], unit_id: null } });
  });
});
