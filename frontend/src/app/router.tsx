import { Spin } from "antd";
import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from "react-router";
import { useHasSession } from "../features/auth/use-session";
import { DOMAINS, HOME } from "./domains";
import { domainRoutes } from "./registry";

function RequireSession() {
  const hasSession = useHasSession();
  const location = useLocation();
  if (!hasSession) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

/**
 * The app's routes: sign-in, then the shell with every domain's screens (domains.ts). Screens load
 * on demand so the first paint ships only React, the router and antd's core.
 */
export const routes: RouteObject[] = [
  {
    path: "/sign-in",
    lazy: () => import("../features/auth/components/SignInPage").then((m) => ({ Component: m.SignInPage })),
  },
  {
    element: <RequireSession />,
    hydrateFallbackElement: <Spin fullscreen />,
    children: [
      {
        lazy: () => import("./Shell").then((m) => ({ Component: m.Shell })),
        children: [
          { index: true, element: <Navigate to={HOME} replace /> },
          ...domainRoutes(DOMAINS, () => import("./AdminPage").then((m) => m.AdminPage)),
          { path: "*", element: <Navigate to={HOME} replace /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
