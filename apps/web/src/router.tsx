import { createBrowserRouter } from "react-router";
import { RequireSession } from "./auth/session-context.tsx";
import { AppShell } from "./components/app-shell.tsx";
import { PageLoading } from "./components/page-loading.tsx";
import { RouteError } from "./components/route-error.tsx";
import { FleetPage } from "./pages/fleet-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";

/**
 * Every page has its own URL so it can be linked, reloaded and reached with back/forward.
 * Pages behind the fleet view load on demand to keep the first download small.
 */
export const router = createBrowserRouter([
  {
    path: "sign-in",
    errorElement: <RouteError />,
    lazy: async () => ({ Component: (await import("./pages/sign-in/sign-in-page.tsx")).SignInPage }),
  },
  {
    // Every page but sign-in needs a session; without one the browser goes to /sign-in?returnTo=….
    // A layout route of its own (rendering <Outlet />), not a wrapper element around the shell.
    element: <RequireSession />,
    errorElement: <RouteError />,
    // Shown while a lazily loaded page's code arrives on a cold start (deep link or reload).
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <FleetPage /> },
          {
            // A pool's pages live under its account: every link names (account, pool).
            path: "accounts/:accountId/pools/:poolId",
            lazy: async () => ({ Component: (await import("./pages/pool-page.tsx")).PoolPage }),
          },
          {
            path: "accounts/:accountId/pools/:poolId/edit/:eventSource",
            lazy: async () => ({ Component: (await import("./pages/edit-page.tsx")).EditPage }),
          },
          {
            path: "accounts/:accountId/pools/:poolId/edit/:eventSource/review",
            lazy: async () => ({ Component: (await import("./pages/review-page.tsx")).ReviewPage }),
          },
          {
            // Links made before accounts (/pools/…) open the pool in the console's own account.
            path: "pools/*",
            lazy: async () => ({
              Component: (await import("./pages/accounts/legacy-pool-redirect.tsx")).LegacyPoolRedirect,
            }),
          },
          {
            path: "accounts",
            lazy: async () => ({
              Component: (await import("./pages/accounts/accounts-page.tsx")).AccountsPage,
            }),
          },
          {
            path: "destinations/new",
            lazy: async () => ({
              Component: (await import("./pages/create-destination/create-destination-page.tsx"))
                .CreateDestinationPage,
            }),
          },
          {
            path: "destinations/runs",
            lazy: async () => ({
              Component: (await import("./pages/create-destination/runs-page.tsx")).RunsPage,
            }),
          },
          {
            // A run's own URL: reload, Back and Forward keep it in view.
            path: "destinations/runs/:runId",
            lazy: async () => ({
              Component: (await import("./pages/create-destination/run-page.tsx")).RunPage,
            }),
          },
          {
            path: "accounts/member-role",
            lazy: async () => ({
              Component: (await import("./pages/member-role/member-role-page.tsx")).MemberRolePage,
            }),
          },
          {
            path: "audit",
            lazy: async () => ({ Component: (await import("./pages/audit/audit-page.tsx")).AuditPage }),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
