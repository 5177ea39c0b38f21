import { lazy, type ComponentType } from "react";
import type { Permission } from "../features/auth/api/get-me";
// A list of a few names, no screen code: part of the first load like this module.
import { IMPORT_RESOURCES } from "../features/imports/resources";

/*
 * The one place a domain joins the SPA. The router (router.tsx), the navigation (Shell.tsx) and the
 * administration tabs (AdminPage.tsx) are derived from this list, so adding a domain is: its folder
 * src/features/<domain>/, then one entry here (docs/adding-a-domain.md, "The SPA").
 *
 * Pages, word bundles and menu icons are loaded on demand (dynamic imports): this module is part of
 * the first load (the router reads it), the screens are not.
 */

const icon = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

/** A component loaded when first needed (a route's page, an administration tab). */
export type LoadPage = () => Promise<ComponentType>;

/** A screen of the domain: its path under the shell (no leading slash) and its page. */
export type DomainRoute = { path: string; page: LoadPage };

/** Who may see an entry: a principal holding this permission (any of them, for a list). */
export type Requirement = Permission | readonly Permission[];

/** The domain's entry in the side menu. */
export type NavEntry = {
  /** Where the entry leads; it is highlighted on every path under it. */
  to: string;
  /** i18n key of the label (in the main files: the shell draws it before any screen loads). */
  label: string;
  /** An icon as `icon(() => import("@ant-design/icons/es/icons/<Name>"))`: loaded with the menu. */
  icon?: ComponentType;
  /** Hidden from a principal without it; shown to everyone when omitted. */
  permission?: Requirement;
};

/** A tab of the administration page, at /admin/<key>, shown only to holders of `permission`. */
export type AdminSection = {
  key: string;
  /** i18n key of the tab's label (in the main files, as nav labels). */
  label: string;
  permission: Permission;
  page: LoadPage;
};

export type Domain = {
  /** The feature folder's name, src/features/<key>/. */
  key: string;
  routes?: readonly DomainRoute[];
  nav?: NavEntry;
  /** A domain managed from the administration page rather than a screen of its own. */
  admin?: AdminSection;
  /**
   * The domain's own words (a module that calls addBundle and exports `{ vi, en }`), loaded with
   * its pages and tabs so the first load does not carry them.
   */
  i18n?: () => Promise<{ vi: object; en: object }>;
};

/** Where the app opens, and where an unknown path leads. */
export const HOME = "/units";

/** Every domain of the SPA, in the order of the side menu (administration comes last). */
export const DOMAINS: readonly Domain[] = [
  {
    key: "units",
    routes: [{ path: "units", page: () => import("./UnitsPage").then((m) => m.UnitsPage) }],
    nav: {
      to: "/units",
      label: "nav.units",
      icon: icon(() => import("@ant-design/icons/es/icons/ApartmentOutlined")),
    },
  },
  {
    key: "petitions",
    routes: [
      { path: "petitions", page: () => import("./PetitionsPage").then((m) => m.PetitionsPage) },
      { path: "petitions/:petitionId", page: () => import("./PetitionPage").then((m) => m.PetitionPage) },
    ],
    nav: {
      to: "/petitions",
      label: "nav.petitions",
      icon: icon(() => import("@ant-design/icons/es/icons/FileTextOutlined")),
      permission: "petitions:read",
    },
    i18n: () => import("../features/petitions/i18n"),
  },
  {
    key: "receptions",
    routes: [
      { path: "receptions", page: () => import("./ReceptionsPage").then((m) => m.ReceptionsPage) },
      { path: "receptions/compliance", page: () => import("./ReceptionsPage").then((m) => m.ReceptionsPage) },
    ],
    nav: {
      to: "/receptions",
      label: "nav.receptions",
      icon: icon(() => import("@ant-design/icons/es/icons/TeamOutlined")),
      permission: "receptions:read",
    },
    i18n: () => import("../features/receptions/i18n"),
  },
  {
    key: "inspections",
    routes: [
      { path: "inspections", page: () => import("./InspectionsPage").then((m) => m.InspectionsPage) },
      { path: "inspections/plans", page: () => import("./InspectionsPage").then((m) => m.InspectionsPage) },
      { path: "inspections/coverage", page: () => import("./InspectionsPage").then((m) => m.InspectionsPage) },
      { path: "inspections/recommendations", page: () => import("./InspectionsPage").then((m) => m.InspectionsPage) },
      { path: "inspections/recommendations/ours", page: () => import("./InspectionsPage").then((m) => m.InspectionsPage) },
      { path: "inspections/teams/:teamId", page: () => import("./InspectionTeamPage").then((m) => m.InspectionTeamPage) },
    ],
    nav: {
      to: "/inspections",
      label: "nav.inspections",
      icon: icon(() => import("@ant-design/icons/es/icons/AuditOutlined")),
      permission: "inspections:read",
    },
    i18n: () => import("../features/inspections/i18n"),
  },
  {
    key: "committees",
    routes: [
      { path: "committees", page: () => import("./CommitteesPage").then((m) => m.CommitteesPage) },
      { path: "committees/:committeeId", page: () => import("./CommitteePage").then((m) => m.CommitteePage) },
    ],
    nav: {
      to: "/committees",
      label: "nav.committees",
      icon: icon(() => import("@ant-design/icons/es/icons/SafetyCertificateOutlined")),
      permission: "committees:read",
    },
    i18n: () => import("../features/committees/i18n"),
  },
  {
    key: "committee-projects",
    routes: [
      { path: "projects", page: () => import("./ProjectsPage").then((m) => m.ProjectsPage) },
      { path: "projects/:projectId", page: () => import("./ProjectPage").then((m) => m.ProjectPage) },
    ],
    nav: {
      to: "/projects",
      label: "nav.projects",
      icon: icon(() => import("@ant-design/icons/es/icons/ProjectOutlined")),
      permission: "committees:read",
    },
    i18n: () => import("../features/committee-projects/i18n"),
  },
  {
    key: "imports",
    routes: [{ path: "imports", page: () => import("./ImportsPage").then((m) => m.ImportsPage) }],
    nav: {
      to: "/imports",
      label: "nav.imports",
      icon: icon(() => import("@ant-design/icons/es/icons/CloudUploadOutlined")),
      // Whoever may import one of the resources.
      permission: IMPORT_RESOURCES.map((r) => r.permission),
    },
    i18n: () => import("../features/imports/i18n"),
  },
  {
    key: "users",
    admin: {
      key: "users",
      label: "admin.section.users",
      permission: "users:read",
      page: () => import("./AdminSections").then((m) => m.UsersSection),
    },
  },
  {
    key: "api-keys",
    admin: {
      key: "api-keys",
      label: "admin.section.api-keys",
      permission: "api_keys:manage",
      page: () => import("./AdminSections").then((m) => m.ApiKeysSection),
    },
  },
  {
    key: "audit",
    admin: {
      key: "audit",
      label: "admin.section.audit",
      permission: "audit:read",
      page: () => import("./AdminSections").then((m) => m.AuditSection),
    },
  },
  {
    key: "confidential-access",
    admin: {
      key: "confidential-access",
      label: "admin.section.confidential-access",
      // What the holder list asks of its reader; granting needs more, which the screen checks.
      permission: "users:read",
      page: () => import("./AdminSections").then((m) => m.ConfidentialAccessSection),
    },
    i18n: () => import("../features/confidential-access/i18n"),
  },
];

/** The administration page's own menu entry: shown to whoever may open one of its tabs. */
export const ADMIN_NAV: Omit<NavEntry, "permission"> = {
  to: "/admin",
  label: "nav.admin",
  icon: icon(() => import("@ant-design/icons/es/icons/SettingOutlined")),
};
