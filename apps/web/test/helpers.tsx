/**
 * What the web tests share: a pool's detail as the BFF answers it, a fake BFF behind `fetch`, and a
 * page rendered at a URL in a memory router with a query client and a signed-in operator.
 */
import type { OperatorRole, PoolDetail, PoolSummary } from "@clc/domain";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMemoryRouter, type RouteObject, RouterProvider } from "react-router";
import { vi } from "vitest";
import { SessionContext } from "../src/auth/session-context.tsx";

/**
 * A Plus pool in us-east-1 (account 123456789012) with nothing configured, read at 2026-01-01.
 * `overrides` replace whole members of the detail; `overrides.pool` replaces members of the pool.
 */
export function poolDetail(
  id: string,
  { pool, ...overrides }: Partial<Omit<PoolDetail, "pool">> & { pool?: Partial<PoolDetail["pool"]> } = {},
): PoolDetail {
  return {
    pool: {
      id,
      name: "shop",
      region: "us-east-1",
      accountId: "123456789012",
      arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${id}`,
      tier: "PLUS",
      threatProtection: "AUDIT",
      ...pool,
    },
    configuration: { userNotification: null, userAuthEvents: null },
    version: '"v1aaaaaaaa"',
    destinations: { userNotification: null, userAuthEvents: null },
    findings: [],
    readAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** The BFF's answer to a path it does not route. */
export function notFound(): Response {
  return Response.json({ type: "about:blank", title: "Not found", status: 404 }, { status: 404 });
}

/**
 * Puts a fake BFF behind `fetch` (undo with `vi.unstubAllGlobals()`): `answer` gets the request's URL
 * (on a test origin) and init; no answer is a 404 problem. Returns the mock, to inspect its calls.
 */
export function stubBff(
  answer: (url: URL, init?: RequestInit) => Response | undefined | Promise<Response | undefined>,
) {
  const fetchMock = vi.fn(
    async (input: RequestInfo | URL, init?: RequestInit) =>
      (await answer(new URL(String(input), "http://console.test"), init)) ?? notFound(),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** A query client that reports a failed read at once instead of retrying it. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

/**
 * Renders `routes` at `url` in a memory router, with `queryClient` (a new one by default) and, unless
 * `role` is null (a page that does not ask), operator "ada" signed in with that role (admin by default).
 * Returns the router, to follow where the page navigates.
 */
export function renderRoutes(
  routes: RouteObject[],
  url: string,
  {
    role = "admin",
    queryClient = testQueryClient(),
  }: { role?: OperatorRole | null; queryClient?: QueryClient } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const page = <RouterProvider router={router} />;
  render(
    <QueryClientProvider client={queryClient}>
      {role === null ? (
        page
      ) : (
        <SessionContext.Provider value={{ username: "ada", role }}>{page}</SessionContext.Provider>
      )}
    </QueryClientProvider>,
  );
  return router;
}

/** A Plus pool with threat protection on, as the editor's picker is given it. */
export const PLUS_POOL_FACTS = {
  id: "us-east-1_AbC",
  name: "pool",
  region: "us-east-1",
  accountId: "123456789012",
  arn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC",
  tier: "PLUS" as const,
  threatProtection: "AUDIT" as const,
};

/** A fleet row: a Plus pool exporting message-delivery errors to a log group, read. */
export function poolSummary(overrides: Partial<PoolSummary> = {}): PoolSummary {
  return {
    id: "us-east-1_Abc123def",
    name: "acme-prod",
    region: "us-east-1",
    accountId: "123456789012",
    accountName: "acme-management",
    ouPath: null,
    tier: "PLUS",
    threatProtection: "ENFORCED",
    logging: {
      userNotification: {
        kind: "logGroup",
        arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/acme",
        name: "/aws/vendedlogs/acme",
      },
      userAuthEvents: null,
    },
    findings: { count: 2, worst: "block" },
    readState: "ok",
    ...overrides,
  };
}
