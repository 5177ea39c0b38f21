import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import "../../../i18n";
import "../i18n";
import type { PetitionRead } from "../api/types";
import { PeopleCard } from "./PeopleCard";

const getIdentity = vi.fn();
vi.mock("../api/get-petition-identity", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useRevealIdentity: () => useMutation({ mutationFn: getIdentity }) };
});

const denunciation = {
  id: "p-1",
  kind: "denunciation",
  identity_confidential: true,
  anonymous: false,
  petitioners: [],
} as unknown as PetitionRead;

const renderCard = (canConfidential: boolean) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PeopleCard petition={denunciation} canConfidential={canConfidential} />
    </QueryClientProvider>,
  );

describe("a denouncer's identity on the case page", () => {
  it("is only said to be confidential to someone without the grant, with no way to show it", () => {
    renderCard(false);
    expect(screen.getByText("Danh tính người tố cáo được bảo mật")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Hiện danh tính/ })).toBeNull();
    expect(getIdentity).not.toHaveBeenCalled();
  });

  it("is read only after a confirmation that says the read is recorded in the audit log", async () => {
    getIdentity.mockResolvedValue({
      petition_id: "p-1",
      denouncers: [{ full_name: "Lê Thị Bí Mật", address: "Tổ 1", identity_number: null, phone: null, email: null, is_representative: false }],
    });
    renderCard(true);
    expect(screen.queryByText("Lê Thị Bí Mật")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Hiện danh tính/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/ghi vào nhật ký hệ thống/)).toBeTruthy();
    expect(getIdentity).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole("button", { name: /Xem và ghi nhật ký/ }));
    await waitFor(() => expect(screen.getByText("Lê Thị Bí Mật")).toBeTruthy());
    expect(getIdentity).toHaveBeenCalledOnce();
    expect(getIdentity.mock.calls[0]?.[0]).toBe("p-1");
    fireEvent.click(screen.getByRole("button", { name: /Ẩn danh tính/ }));
    await waitFor(() => expect(screen.queryByText("Lê Thị Bí Mật")).toBeNull());
  });
});
