import { Spin } from "antd";
import { createBrowserRouter, Navigate, Outlet, useLocation } from "react-router";
import { useHasSession } from "../features/auth/use-session";

function RequireSession() {
  const hasSession = useHasSession();
  const location = useLocation();
  if (!hasSession) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

// Screens load on demand so the first paint ships only React, the router and antd's core.
export const router = createBrowserRouter([
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
          { index: true, element: <Navigate to="/units" replace /> },
          {
            path: "units",
            lazy: () => import("./UnitsPage").then((m) => ({ Component: m.UnitsPage })),
          },
          { path: "petitions", lazy: () => import("./PetitionsPage").then((m) => ({ Component: m.PetitionsPage })) },
          {
            path: "petitions/:petitionId",
            lazy: () => import("./PetitionPage").then((m) => ({ Component: m.PetitionPage })),
          },
          { path: "receptions", lazy: () => import("./ReceptionsPage").then((m) => ({ Component: m.ReceptionsPage })) },
          {
            path: "receptions/compliance",
            lazy: () => import("./ReceptionsPage").then((m) => ({ Component: m.ReceptionsPage })),
          },
          { path: "admin/:section?", lazy: () => import("./AdminPage").then((m) => ({ Component: m.AdminPage })) },
          { path: "*", element: <Navigate to="/units" replace /> },
        ],
      },
    ],
  },
]);
