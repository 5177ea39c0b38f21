import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import "../../../i18n";
import "../i18n";
import { ApiError } from "../../../api/client";
import { rulesQueryOptions, type CompositionRule } from "../api/list-rules";
import type { CommitteeRead, TermRead } from "../api/types";
import { aMember } from "../test-fixtures";
import { EditMemberModal, MemberModal } from "./MemberForms";

const write = vi.fn();
vi.mock("../api/write-member", async () => {
  const { useMutation } = await import("@tanstack/react-query");
  return { useWriteMember: () => useMutation({ mutationFn: write }) };
});
const getMember = vi.fn();
vi.mock("../api/get-member", async () => {
  const { queryOptions, useQuery } = await import("@tanstack/react-query");
  const { committeesKeys } = await import("../api/keys");
  const memberQueryOptions = (c: string, m: string) => queryOptions({ queryKey: committeesKeys.member(c, m), queryFn: () => getMember(c, m), staleTime: 0 });
  return { memberQueryOptions, useMember: (c: string, m: string) => useQuery(memberQueryOptions(c, m)) };
});

const committee = { id: "c-1", kind: "people_inspection_agency", unit_id: "u-1" } as CommitteeRead;
const term = { id: "term-1", starts_on: "2026-01-01", planned_end_on: "2028-01-01", ended_on: null } as TermRead;

describe("the add-member form", () => {
  it("says a refusal's rule in words with its article, above the form", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const rules = [{ id: "agency-pic-no-post", requirement: "no_commune_post", value: null } as CompositionRule];
    client.setQueryData(rulesQueryOptions().queryKey, rules);
    write.mockRejectedValue(
      new ApiError({
        status: 422,
        code: "member_ineligible",
        detail: "Hoàng Thị Lan is not eligible.",
        fieldErrors: [{ field: "body.holds_commune_post", code: "member_ineligible", message: "x", in: "body" } as never],
        extensions: { rule_id: "agency-pic-no-post", legal_basis: "Luật 10/2022/QH15, Điều 37" },
      }),
    );
    render(
      <QueryClientProvider client={client}>
        <App>
          <MemberModal committee={committee} term={term} onClose={() => {}} />
        </App>
      </QueryClientProvider>,
    );
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("Họ và tên"), { target: { value: " Hoàng Thị Lan " } });
    fireEvent.click(within(dialog).getByLabelText(/Đang là cán bộ, công chức/));
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(write).toHaveBeenCalledOnce(), { timeout: 5_000 });
    expect(write.mock.calls[0]?.[0]).toMatchObject({
      memberId: null,
      body: { term_id: "term-1", full_name: "Hoàng Thị Lan", joined_by: "appointment", joined_on: "2026-11-26", holds_commune_post: true },
    });
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Không đủ điều kiện tham gia");
    expect(alert.textContent).toContain("Thành viên không đồng thời là cán bộ");
    expect(alert.textContent).toContain("Luật 10/2022/QH15, Điều 37");
  });
});

describe("the member correction form", () => {
  const member = aMember({ represented_unit_id: null, joined_by: "appointment", meeting_on: null, votes_for: null, voters: null });

  it("sends only what changed with If-Match; a change meanwhile is said and the form reloaded", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const noRules: CompositionRule[] = [];
    client.setQueryData(rulesQueryOptions().queryKey, noRules);
    write.mockReset();
    getMember.mockResolvedValueOnce({ member, etag: '"v1"' });
    getMember.mockResolvedValueOnce({ member: { ...member, ethnicity: "Tày" }, etag: '"v2"' });
    write.mockRejectedValueOnce(new ApiError({ status: 412, code: "precondition_failed", detail: "The resource has changed." }));
    write.mockResolvedValueOnce({});
    render(
      <QueryClientProvider client={client}>
        <App>
          <EditMemberModal committee={committee} listed={member} onClose={() => {}} />
        </App>
      </QueryClientProvider>,
    );
    const dialog = await screen.findByRole("dialog");
    const occupation = await within(dialog).findByLabelText("Nghề nghiệp");
    expect((occupation as HTMLInputElement).value).toBe("Nông dân");
    expect((within(dialog).getByLabelText("Liên hệ") as HTMLInputElement).value).toBe("");
    fireEvent.change(occupation, { target: { value: "Giáo viên" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(write).toHaveBeenCalledOnce(), { timeout: 5_000 });
    expect(write.mock.calls[0]?.[0]).toEqual({ memberId: "m-1", body: { occupation: "Giáo viên" }, etag: '"v1"' });

    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("vừa được thay đổi ở nơi khác");
    await waitFor(() => expect((within(dialog).getByLabelText("Dân tộc") as HTMLInputElement).value).toBe("Tày"));
    fireEvent.change(within(dialog).getByLabelText("Nghề nghiệp"), { target: { value: "Giáo viên" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Lưu" }));
    await waitFor(() => expect(write).toHaveBeenCalledTimes(2), { timeout: 5_000 });
    expect(write.mock.calls[1]?.[0]).toEqual({ memberId: "m-1", body: { occupation: "Giáo viên" }, etag: '"v2"' });
  });
});
