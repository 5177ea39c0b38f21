import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { RouteObject } from "react-router";
import type { Permission } from "../features/auth/api/get-me";
import { ADMIN_NAV, type AdminSection, type Domain, type LoadPage, type NavEntry, type Requirement } from "./domains";

/*
 * What the router, the side menu and the administration page derive from the domain list
 * (domains.ts). Pure functions of that list, so a test can hand them a list of its own.
 */

/** Whether a principal with these permissions meets the requirement (any of a list; none: everyone). */
export function meets(permissions: readonly Permission[], requirement: Requirement | undefined): boolean {
  if (requirement === undefined) return true;
  const wanted: readonly Permission[] = typeof requirement === "string" ? [requirement] : requirement;
  return wanted.some((p) => permissions.includes(p));
}

/** A route's `lazy`: the page and the domain's words, fetched together, the page drawn once both are in. */
export function lazyPage(page: LoadPage, words?: Domain["i18n"]): NonNullable<RouteObject["lazy"]> {
  return async () => {
    const [Component] = await Promise.all([page(), words?.()]);
    return { Component };
  };
}

/** The administration page's route (its tabs come from the domains' `admin` sections). */
export const ADMIN_ROUTE = "admin/:section?";

/** The routes under the shell: every domain's, then the administration page when a domain has a tab there. */
export function domainRoutes(domains: readonly Domain[], adminPage: LoadPage): RouteObject[] {
  const routes: RouteObject[] = domains.flatMap((d) =>
    (d.routes ?? []).map((r) => ({ path: r.path, lazy: lazyPage(r.page, d.i18n) })),
  );
  if (domains.some((d) => d.admin)) routes.push({ path: ADMIN_ROUTE, lazy: lazyPage(adminPage) });
  return routes;
}

/** The side menu of a principal: the domains' entries it may see, then administration if it may open a tab. */
export function navEntries(domains: readonly Domain[], permissions: readonly Permission[]): NavEntry[] {
  const entries = domains.flatMap((d) => (d.nav && meets(permissions, d.nav.permission) ? [d.nav] : []));
  const adminTabs = domains.flatMap((d) => (d.admin ? [d.admin.permission] : []));
  if (meets(permissions, adminTabs)) entries.push(ADMIN_NAV);
  return entries;
}

/** The menu entry a path belongs to (the entry's own path or anything under it). */
export function activeEntry(entries: readonly NavEntry[], pathname: string): NavEntry | undefined {
  return entries.find((e) => pathname === e.to || pathname.startsWith(`${e.to}/`));
}

/** An administration tab ready to draw: its page (with the domain's words) as a lazy component. */
export type LoadedSection = AdminSection & { Component: LazyExoticComponent<ComponentType> };

/**
 * The administration tabs, in the domains' order. Call once per list (at module level): each call
 * makes new lazy components, and a component made during a render would be remounted by the next.
 */
export function adminSections(domains: readonly Domain[]): LoadedSection[] {
  return domains.flatMap(({ admin, i18n }) => {
    if (!admin) return [];
    const Component = lazy(async () => {
      const [page] = await Promise.all([admin.page(), i18n?.()]);
      return { default: page };
    });
    return [{ ...admin, Component }];
  });
}

/** The tabs a principal may open (each domain's tab asks for one permission). */
export function allowedSections<S extends AdminSection>(sections: readonly S[], permissions: readonly Permission[]): S[] {
  return sections.filter((s) => meets(permissions, s.permission));
}
