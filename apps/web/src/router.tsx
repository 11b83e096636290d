import { createBrowserRouter, type LoaderFunctionArgs } from "react-router";
import { FLEET_PAGE_SIZE, poolPageQuery } from "./api/pools/queries.ts";
import { sessionQuery } from "./api/session/queries.ts";
import { RequireSession } from "./auth/session-context.tsx";
import { AppShell } from "./components/app-shell.tsx";
import { PageLoading } from "./components/page-loading.tsx";
import { RouteError } from "./components/route-error.tsx";
import { filtersFromSearchParams } from "./fleet/fleet-filters.ts";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { queryClient } from "./query-client.ts";

/**
 * Loaders here only start reads into the query cache and return at once: the pages still read
 * through their hooks (same keys, so nothing is asked twice), but the request leaves while the
 * page's code loads instead of after its first render. Navigation never waits for them.
 */
function startSessionRead() {
  void queryClient.prefetchQuery(sessionQuery());
  return null;
}

/** The fleet's first page, with the URL's filters, asked in parallel with the session and the page's code. */
function startFleetRead({ request }: LoaderFunctionArgs) {
  const filters = filtersFromSearchParams(new URL(request.url).searchParams);
  void queryClient.prefetchQuery(poolPageQuery(filters, 0, FLEET_PAGE_SIZE));
  return null;
}

/** The page reads its own changes (filters, sort); a loader re-run on them would only repeat its hook. */
const noRevalidation = () => false;

/**
 * Every page has its own URL so it can be linked, reloaded and reached with back/forward.
 * Every page loads on demand, the fleet view too: the first download is what all pages share.
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
    loader: startSessionRead,
    shouldRevalidate: noRevalidation,
    // Shown while a lazily loaded page's code arrives on a cold start (deep link or reload).
    hydrateFallbackElement: <PageLoading />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            index: true,
            loader: startFleetRead,
            shouldRevalidate: noRevalidation,
            lazy: async () => ({ Component: (await import("./pages/fleet-page.tsx")).FleetPage }),
          },
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
            // Links made before accounts (/pools/…) open the pool in the account the fleet saw it in.
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
            path: "notifications",
            lazy: async () => ({
              Component: (await import("./pages/notifications/notifications-page.tsx")).NotificationsPage,
            }),
          },
          {
            path: "batches",
            lazy: async () => ({ Component: (await import("./pages/batches/batches-page.tsx")).BatchesPage }),
          },
          {
            path: "batches/new",
            lazy: async () => ({
              Component: (await import("./pages/batches/new-batch-page.tsx")).NewBatchPage,
            }),
          },
          {
            path: "batches/:batchId",
            lazy: async () => ({ Component: (await import("./pages/batches/batch-page.tsx")).BatchPage }),
          },
          {
            path: "standard",
            lazy: async () => ({
              Component: (await import("./pages/standard/standard-page.tsx")).StandardPage,
            }),
          },
          {
            path: "audit",
            lazy: async () => ({ Component: (await import("./pages/audit/audit-page.tsx")).AuditPage }),
          },
          {
            path: "audit/:recordId/rollback",
            lazy: async () => ({
              Component: (await import("./pages/audit/rollback-page.tsx")).RollbackPage,
            }),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
