import { beforeAll, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "antd";
import type { ComponentType } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import "../../../i18n";
import "../i18n";
import type { Holder } from "../api/types";
import type { UserPickerSlot } from "./slots";

/*
 * The screen against a fake API at the fetch level, so what is tested is what goes over the wire:
 * the holder list's query, the audit-log read behind "granted on / by", and a grant or revocation
 * as a fresh read then a PATCH of `grants` with `If-Match`.
 */

const WARD = "0b9d4c38-5d1e-4bde-9d0e-5a7f5f0d2b11";
const ME = "00000000-0000-4000-8000-000000000001";

const person = (id: string, username: string, full_name: string, grants: Holder["grants"], is_active = true): Holder => ({
  id,
  username,
  full_name,
  email: null,
  unit_id: WARD,
  roles: ["officer"],
  grants,
  is_active,
  last_login_at: null,
  created_at: "2026-11-01T01:00:00Z",
});

let users: Holder[];
let versions: Record<string, number>;
/** Problems the fake server answers a PATCH of this user with. */
let refusals: Record<string, { status: number; code: string; detail: string }>;
let fetchMock: Mock<(input: Request) => Promise<Response>>;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json", ...headers },
  });

async function serve(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const q = url.searchParams;
  if (url.pathname === "/api/v1/users/confidential-holders") {
    const permission = q.get("permission") ?? "petitions:confidential";
    const items = users
      .filter((u) => u.grants.includes(permission as Holder["grants"][number]))
      .filter((u) => !q.has("is_active") || String(u.is_active) === q.get("is_active"))
      .sort((a, b) => a.username.localeCompare(b.username));
    return json(200, { items, next_cursor: null, ...(q.get("include_total") === "true" ? { total: items.length } : {}) });
  }
  if (url.pathname === "/api/v1/audit-events") {
    const events =
      q.get("resource_id") === "u-lan"
        ? [
            // Newest first: the grant in force is the latest of that permission.
            { occurred_at: "2026-11-20T03:15:00Z", actor_type: "user", actor_name: "admin", changes: { after: { permission: "petitions:confidential" } } },
            { occurred_at: "2026-11-10T03:15:00Z", actor_type: "user", actor_name: "old", changes: { after: { permission: "petitions:confidential" } } },
          ]
        : q.get("resource_id") === "u-hoa"
          ? [{ occurred_at: "2026-11-02T03:15:00Z", actor_type: "system", actor_name: "qcdc users grant", changes: { after: { permission: "petitions:confidential" } } }]
          : [];
    return json(200, { items: events, next_cursor: null });
  }
  const id = /^\/api\/v1\/users\/([^/]+)$/.exec(url.pathname)?.[1];
  const user = users.find((u) => u.id === id);
  if (id && !user) return json(404, { type: "t", title: "Not found", status: 404, detail: "No user", code: "user_not_found" });
  if (user && request.method === "GET") return json(200, user, { ETag: `"v${versions[user.id] ?? 1}"` });
  if (user && request.method === "PATCH") {
    const refusal = refusals[user.id];
    if (refusal) return json(refusal.status, { type: "t", title: "t", ...refusal });
    if (request.headers.get("If-Match") !== `"v${versions[user.id] ?? 1}"`) {
      return json(412, { type: "t", title: "t", status: 412, detail: "stale", code: "precondition_failed" });
    }
    const body = (await request.clone().json()) as { grants: Holder["grants"] };
    user.grants = body.grants;
    versions[user.id] = (versions[user.id] ?? 1) + 1;
    return json(200, user);
  }
  return json(500, { type: "t", title: "t", status: 500, detail: `unexpected ${request.method} ${url.pathname}`, code: "internal_error" });
}

const UnitName = ({ unitId }: { unitId: string | null }) => <>{unitId === WARD ? "Phường Thục Phán" : "Cả nước"}</>;
/** The people a grantor may pick, as a plain select (the real picker is the users feature's). */
const UserPicker: UserPickerSlot = ({ id, value, onChange, withoutGrant }) => (
  <select id={id} value={value ?? ""} onChange={(e) => onChange?.(e.target.value || null)}>
    <option value="">—</option>
    {users.map((u) => (
      <option key={u.id} value={u.id} disabled={withoutGrant !== undefined && u.grants.includes(withoutGrant)}>
        {u.full_name}
      </option>
    ))}
  </select>
);

type PanelProps = { canGrant: boolean; nationwide: boolean; canReadAudit: boolean; selfId: string | null };
let Panel: ComponentType<PanelProps & { UnitName: typeof UnitName; UserPicker: UserPickerSlot }>;

beforeAll(async () => {
  // A Request needs an absolute URL outside a browser; the client reads it when first imported.
  vi.stubEnv("VITE_API_BASE_URL", "http://api.test");
  // openapi-fetch keeps the fetch it found when the client was made: hand it one that asks this test's server.
  vi.stubGlobal("fetch", (input: Request) => fetchMock(input));
  Panel = (await import("./ConfidentialHoldersPanel")).ConfidentialHoldersPanel;
});

beforeEach(() => {
  users = [
    person("u-lan", "canbo.lan", "Nguyễn Thị Lan", ["petitions:confidential"]),
    person("u-hoa", "canbo.hoa", "Triệu Thị Hoa", ["petitions:confidential"], false),
    person("u-binh", "canbo.binh", "Lý Văn Bình", []),
    person(ME, "admin", "Quản trị hệ thống", ["users:grant_confidential"]),
  ];
  versions = {};
  refusals = {};
  fetchMock = vi.fn(serve);
});

function show(props: PanelProps, url = "/admin/confidential-access") {
  const router = createMemoryRouter(
    [{ path: "/admin/confidential-access", element: <Panel {...props} UnitName={UnitName} UserPicker={UserPicker} /> }],
    { initialEntries: [url] },
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
  return router;
}

const requests = (path: string) =>
  fetchMock.mock.calls.map(([r]) => r).filter((r) => new URL(r.url).pathname === path);
const row = (text: string) => screen.getByRole("cell", { name: text }).closest("tr") as HTMLElement;
const STEERING = { canGrant: false, nationwide: false, canReadAudit: true, selfId: "someone-else" };
const GRANTOR = { canGrant: true, nationwide: true, canReadAudit: true, selfId: ME };

describe("the confidential-access holders screen", () => {
  it("lists who holds the right to read denouncers' identities, with when and by whom it was granted", async () => {
    show(STEERING);
    expect(await screen.findByRole("cell", { name: "canbo.lan" })).toBeTruthy();
    const lan = row("canbo.lan");
    expect(within(lan).getByText("Nguyễn Thị Lan")).toBeTruthy();
    expect(within(lan).getByText("Phường Thục Phán")).toBeTruthy();
    expect(within(lan).getByText("Đang hoạt động")).toBeTruthy();
    // The latest grant of that permission, in dd/MM/yyyy, and its grantor.
    expect(await within(lan).findByText(/^20\/11\/2026 \d\d:\d\d$/)).toBeTruthy();
    expect(within(lan).getByText("admin")).toBeTruthy();
    // Disabled accounts are listed too; a grant by the operator's command says so.
    const hoa = row("canbo.hoa");
    expect(within(hoa).getByText("Đã khóa")).toBeTruthy();
    expect(await within(hoa).findByText("Quản trị máy chủ")).toBeTruthy();
    expect(screen.queryByRole("cell", { name: "canbo.binh" })).toBeNull();
    expect(screen.getByText("2 kết quả")).toBeTruthy();

    const list = new URL(requests("/api/v1/users/confidential-holders")[0]!.url).searchParams;
    expect(list.get("permission")).toBe("petitions:confidential");
    expect(list.get("include_total")).toBe("true");
    const audit = new URL(requests("/api/v1/audit-events")[0]!.url).searchParams;
    expect(audit.get("action")).toBe("user.grant");
    expect(audit.get("resource_type")).toBe("user");

    // Reading only: no grant, no revocation.
    expect(screen.queryByRole("button", { name: /Cấp quyền/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Thu hồi" })).toBeNull();
  });

  it("lists the grantors on request, and only active accounts when asked", async () => {
    const router = show(STEERING, "/admin/confidential-access?permission=users:grant_confidential");
    expect(await screen.findByRole("cell", { name: "admin" })).toBeTruthy();
    expect(screen.queryByRole("cell", { name: "canbo.lan" })).toBeNull();
    expect(new URL(requests("/api/v1/users/confidential-holders")[0]!.url).searchParams.get("permission")).toBe(
      "users:grant_confidential",
    );
    await router.navigate("/admin/confidential-access?active=true");
    expect(await screen.findByRole("cell", { name: "canbo.lan" })).toBeTruthy();
    expect(screen.queryByRole("cell", { name: "canbo.hoa" })).toBeNull();
  });

  it("leaves out the grant's date and grantor without the audit log, and says where they are", async () => {
    show({ ...STEERING, canReadAudit: false });
    expect(await screen.findByRole("cell", { name: "canbo.lan" })).toBeTruthy();
    expect(screen.queryByRole("columnheader", { name: "Ngày cấp quyền" })).toBeNull();
    expect(screen.getByText(/cần quyền xem nhật ký/)).toBeTruthy();
    expect(requests("/api/v1/audit-events")).toHaveLength(0);
  });

  it("grants the right to a person after saying what it allows, with the ETag of a fresh read", async () => {
    show(GRANTOR);
    await screen.findByRole("cell", { name: "canbo.lan" });
    fireEvent.click(screen.getByRole("button", { name: /Cấp quyền/ }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Cấp quyền: Xem danh tính người tố cáo")).toBeTruthy();
    expect(within(dialog).getByText(/Người được cấp sẽ xem được danh tính người tố cáo/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText("Người được cấp"), { target: { value: "u-binh" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cấp quyền" }));

    expect(await screen.findByRole("cell", { name: "canbo.binh" })).toBeTruthy();
    const patch = requests("/api/v1/users/u-binh").find((r) => r.method === "PATCH")!;
    expect(patch.headers.get("If-Match")).toBe('"v1"');
    expect(await patch.clone().json()).toEqual({ grants: ["petitions:confidential"] });
  });

  it("revokes after a confirmation, never offering to revoke one's own", async () => {
    show({ ...GRANTOR, selfId: "u-hoa" });
    await screen.findByRole("cell", { name: "canbo.lan" });
    expect(within(row("canbo.hoa")).queryByRole("button", { name: "Thu hồi" })).toBeNull();
    expect(within(row("canbo.hoa")).getByText("Bạn")).toBeTruthy();

    fireEvent.click(within(row("canbo.lan")).getByRole("button", { name: "Thu hồi" }));
    const confirm = await screen.findByRole("tooltip");
    expect(within(confirm).getByText("Thu hồi quyền của Nguyễn Thị Lan?")).toBeTruthy();
    expect(within(confirm).getByText(/không còn xem được danh tính người tố cáo/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole("button", { name: "Thu hồi" }));

    await waitFor(() => expect(screen.queryByRole("cell", { name: "canbo.lan" })).toBeNull());
    const patch = requests("/api/v1/users/u-lan").find((r) => r.method === "PATCH")!;
    expect(await patch.clone().json()).toEqual({ grants: [] });
  });

  it("shows the API's refusal in words, and a stale copy as such", async () => {
    refusals["u-lan"] = { status: 403, code: "cannot_grant_self", detail: "Nobody grants or revokes its own confidential permissions." };
    show(GRANTOR);
    await screen.findByRole("cell", { name: "canbo.lan" });
    fireEvent.click(within(row("canbo.lan")).getByRole("button", { name: "Thu hồi" }));
    fireEvent.click(within(await screen.findByRole("tooltip")).getByRole("button", { name: "Thu hồi" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Chưa thay đổi được quyền")).toBeTruthy();
    expect(within(alert).getByText("Không ai được tự cấp hoặc tự thu hồi quyền bảo mật của chính mình.")).toBeTruthy();
    expect(screen.getByRole("cell", { name: "canbo.lan" })).toBeTruthy();

    refusals["u-lan"] = { status: 412, code: "precondition_failed", detail: "stale" };
    fireEvent.click(within(row("canbo.lan")).getByRole("button", { name: "Thu hồi" }));
    // The confirmation opens again (its button may still carry the last request's fading spinner).
    fireEvent.click(within(await screen.findByRole("tooltip")).getByRole("button", { name: /Thu hồi/ }));
    expect(await screen.findByText(/vừa được người khác thay đổi/)).toBeTruthy();
  });

  it("offers the right to grant only to a nationwide grantor", async () => {
    show({ ...GRANTOR, nationwide: false }, "/admin/confidential-access?permission=users:grant_confidential");
    await screen.findByRole("cell", { name: "admin" });
    expect(screen.queryByRole("button", { name: /Cấp quyền/ })).toBeNull();
  });
});
