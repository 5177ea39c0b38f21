import type { ComponentType } from "react";
import { describe, expect, it, vi } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import i18n, { setLanguage } from "../i18n";
import mainVi from "../i18n/vi.json";
import { meQueryOptions, type Me, type Permission } from "../features/auth/api/get-me";
import { AdminPage } from "./AdminPage";
import { DOMAINS, HOME, type Domain } from "./domains";
import { adminSections, activeEntry, allowedSections, domainRoutes, meets, navEntries } from "./registry";
import { routes } from "./router";
import { Shell } from "./Shell";

const Page = (name: string) => () => <p>{name} page</p>;
const load = (name: string) => () => Promise.resolve(Page(name));

/** A domain list of the test's own: what is derived must follow whatever the list says. */
const FAKE: Domain[] = [
  { key: "alpha", routes: [{ path: "alpha", page: load("alpha") }], nav: { to: "/alpha", label: "nav.units" } },
  {
    key: "beta",
    routes: [
      { path: "beta", page: load("beta") },
      { path: "beta/:id", page: load("beta one") },
    ],
    nav: { to: "/beta", label: "nav.petitions", permission: "petitions:read" },
    i18n: vi.fn(() => Promise.resolve({ vi: { beta: { word: "chữ" } }, en: { beta: { word: "word" } } })),
  },
  { key: "gamma", admin: { key: "gamma", label: "admin.section.users", permission: "users:read", page: load("gamma") } },
  { key: "delta", admin: { key: "delta", label: "admin.section.audit", permission: "audit:read", page: load("delta") } },
];

/** Every path of a route tree, as written in it. */
function paths(tree: RouteObject[]): string[] {
  return tree.flatMap((r) => [...(r.path ? [r.path] : []), ...paths(r.children ?? [])]);
}

const keysOf = (o: object, p = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keysOf(v as object, `${p}${k}.`) : [`${p}${k}`]));

describe("the domain registry's derivations", () => {
  it("meets a requirement with any of its permissions, and an absent one always", () => {
    expect(meets([], undefined)).toBe(true);
    expect(meets(["users:read"], "users:read")).toBe(true);
    expect(meets(["users:read"], ["audit:read", "users:read"])).toBe(true);
    expect(meets(["units:read"], ["audit:read", "users:read"])).toBe(false);
    expect(meets(["units:read"], [])).toBe(false);
  });

  it("routes every screen of every domain, and the administration page once a domain has a tab there", async () => {
    const routes = domainRoutes(FAKE, load("admin"));
    expect(routes.map((r) => r.path)).toEqual(["alpha", "beta", "beta/:id", "admin/:section?"]);
    expect(domainRoutes(FAKE.slice(0, 2), load("admin")).map((r) => r.path)).toEqual(["alpha", "beta", "beta/:id"]);

    // A screen arrives with its domain's words.
    const lazy = routes[2]!.lazy as () => Promise<{ Component: ComponentType }>;
    const { Component } = await lazy();
    expect(FAKE[1]!.i18n).toHaveBeenCalled();
    render(<Component />);
    expect(screen.getByText("beta one page")).toBeTruthy();
  });

  it("shows a principal the menu entries it may use, administration when it may open one tab", () => {
    const labels = (perms: Permission[]) => navEntries(FAKE, perms).map((e) => e.to);
    expect(labels([])).toEqual(["/alpha"]);
    expect(labels(["petitions:read"])).toEqual(["/alpha", "/beta"]);
    expect(labels(["audit:read"])).toEqual(["/alpha", "/admin"]);
    expect(labels(["petitions:read", "users:read", "audit:read"])).toEqual(["/alpha", "/beta", "/admin"]);
    // Without any domain managed from it, there is no administration entry at all.
    expect(navEntries(FAKE.slice(0, 2), ["users:read"]).map((e) => e.to)).toEqual(["/alpha"]);
  });

  it("highlights the entry a path is under, not one that merely starts the same", () => {
    const entries = navEntries(FAKE, ["petitions:read"]);
    expect(activeEntry(entries, "/beta/123")?.to).toBe("/beta");
    expect(activeEntry(entries, "/beta")?.to).toBe("/beta");
    expect(activeEntry(entries, "/betamax")).toBeUndefined();
  });

  it("makes one administration tab per domain that has one, in the list's order", () => {
    expect(adminSections(FAKE).map((s) => [s.key, s.permission])).toEqual([
      ["gamma", "users:read"],
      ["delta", "audit:read"],
    ]);
  });
});

describe("the app's domains", () => {
  const features = new Set(Object.keys(import.meta.glob("../features/*/**/*.{ts,tsx}")).map((f) => f.split("/")[2]));

  it("are feature folders, each listed once", () => {
    const keys = DOMAINS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(features, `src/features/${key}/`).toContain(key);
  });

  it("give the router every screen, once, with the home page and the administration page", () => {
    const all = paths(routes);
    const screens = DOMAINS.flatMap((d) => (d.routes ?? []).map((r) => r.path));
    for (const path of [...screens, "admin/:section?", "/sign-in", "*"]) expect(all).toContain(path);
    expect(new Set(all).size).toBe(all.length);
    // Every menu entry leads to a screen the router knows.
    for (const d of DOMAINS) if (d.nav) expect(screens.map((p) => `/${p}`)).toContain(d.nav.to);
    expect(screens.map((p) => `/${p}`)).toContain(HOME);
  });

  it("show the confidential-access holders only to those who may read them (users:read)", () => {
    const tabs = (perms: Permission[]) => allowedSections(adminSections(DOMAINS), perms).map((s) => s.key);
    expect(tabs(["users:read", "audit:read"])).toEqual(["users", "audit", "confidential-access"]);
    expect(tabs(["audit:read", "api_keys:manage"])).toEqual(["api-keys", "audit"]);
    expect(navEntries(DOMAINS, ["units:read"]).map((e) => e.to)).toEqual(["/units"]);
  });

  it("label their menu entries and tabs in both languages, from the main files", async () => {
    const labels = DOMAINS.flatMap((d) => [d.nav?.label, d.admin?.label]).filter((l): l is string => !!l);
    const main = new Set(keysOf(mainVi));
    for (const label of labels) expect(main, label).toContain(label);
    for (const lng of ["en", "vi"] as const) {
      await setLanguage(lng);
      for (const label of labels) expect(i18n.t(label), `${lng}: ${label}`).not.toBe(label);
    }
  });

  it("bring words with the same keys in both languages, never overriding the main files'", async () => {
    const main = new Set(keysOf(mainVi));
    const bundles = DOMAINS.filter((d) => d.i18n);
    expect(bundles.map((d) => d.key)).toEqual(expect.arrayContaining(["petitions", "receptions", "confidential-access"]));
    for (const d of bundles) {
      const { vi, en } = await d.i18n!();
      expect(keysOf(en).sort(), d.key).toEqual(keysOf(vi).sort());
      expect(keysOf(vi).filter((k) => main.has(k)), d.key).toEqual([]);
    }
  });

  it("load a screen's words with the screen: every kind, status and action of a case, every host role", async () => {
    const screen = routes[1]!.children![0]!.children!.find((r) => r.path === "petitions")!;
    await (screen.lazy as () => Promise<unknown>)();
    await DOMAINS.find((d) => d.key === "receptions")!.i18n!();
    await setLanguage("vi");
    expect(i18n.t("petitions.kind.denunciation")).toBe("Tố cáo");
    expect(i18n.t("petitions.action.accept")).toBe("Thụ lý");
    expect(i18n.t("petitions.action.not_accept")).toBe("Không thụ lý");
    expect(i18n.t("petitions.action.extend")).toBe("Gia hạn");
    expect(i18n.t("petitions.status.suspended")).toBe("Tạm đình chỉ");
    expect(i18n.t("petitions.deadline.daysLeft", { count: 3 })).toBe("còn 3 ngày");
    expect(i18n.t("receptions.hostRole.pc_chairman")).toBe("Chủ tịch UBND");
    // The bundles merge into the one namespace without replacing the main files' words.
    expect(i18n.t("nav.units")).toBe("Đơn vị");
    await setLanguage("en");
    expect(i18n.t("petitions.deadline.daysLeft", { count: 1 })).toBe("1 day left");
    expect(i18n.t("petitions.deadline.daysLeft", { count: 3 })).toBe("3 days left");
    await setLanguage("vi");
  });
});

function me(permissions: Permission[]): Me {
  return { kind: "user", id: "u1", name: "lan", full_name: "Nguyễn Thị Lan", roles: [], permissions, unit: null };
}

function withMe(permissions: Permission[], tree: RouteObject[], url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(meQueryOptions().queryKey, me(permissions));
  const router = createMemoryRouter(tree, { initialEntries: [url] });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe("the shell's menu", () => {
  const menu = () => within(screen.getByRole("navigation", { name: "Điều hướng chính" }));
  const shell = async (url: string, permissions: Permission[]) => {
    withMe(permissions, [{ element: <Shell />, children: [{ path: "*", element: <p>page</p> }] }], url);
    // antd's menu measures itself once drawn.
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  };

  it("lists the domains a viewer may read, without administration", async () => {
    await shell("/petitions/1", ["units:read", "petitions:read", "receptions:read"]);
    expect(menu().getAllByRole("link").map((a) => a.textContent)).toEqual(["Đơn vị", "Đơn thư", "Tiếp công dân"]);
    expect(menu().getByRole("link", { name: "Đơn thư" }).getAttribute("href")).toBe("/petitions");
    expect(menu().getByRole("menuitem", { name: /Đơn thư/ }).className).toContain("selected");
  });

  it("shows administration to a steering committee member who may read users or the audit log", async () => {
    await shell("/units", ["units:read", "users:read", "audit:read"]);
    expect(menu().getAllByRole("link").map((a) => a.textContent)).toEqual(["Đơn vị", "Quản trị"]);
  });
});

describe("the administration page", () => {
  const SECTIONS = adminSections(FAKE);
  const admin = (url: string, permissions: Permission[]) =>
    withMe(permissions, [{ path: "/admin/:section?", element: <AdminPage sections={SECTIONS} /> }], url);

  it("shows the tabs the principal may open and opens the first when none is named", async () => {
    const router = admin("/admin", ["audit:read"]);
    expect(await screen.findByText("delta page")).toBeTruthy();
    expect(router.state.location.pathname).toBe("/admin/delta");
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Nhật ký hệ thống"]);
  });

  it("opens the named tab with its page", async () => {
    admin("/admin/delta", ["users:read", "audit:read"]);
    expect(screen.getAllByRole("tab").map((t) => t.textContent)).toEqual(["Người dùng", "Nhật ký hệ thống"]);
    expect(await screen.findByText("delta page")).toBeTruthy();
  });

  it("refuses a principal with no tab to open", () => {
    admin("/admin/gamma", ["units:read"]);
    expect(screen.getByText("Bạn không có quyền thực hiện thao tác này.")).toBeTruthy();
  });
});
