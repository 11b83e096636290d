import { cleanup, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LegacyPoolRedirect } from "../src/pages/accounts/legacy-pool-redirect.tsx";
import { poolSummary, renderRoutes, stubBff } from "./helpers.tsx";

const OWN = "123456789012";
const MEMBER = "111111111111";
const POOL = "us-east-1_OQjVVheeX";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function bff(items: ReturnType<typeof poolSummary>[]) {
  stubBff((url) => {
    if (url.pathname === "/api/regions")
      return Response.json({ mode: "sandbox", accountId: OWN, regions: [] });
    if (url.pathname === "/api/pools")
      return Response.json({
        items,
        total: items.length,
        offset: 0,
        limit: 50,
        fleet: { state: "ready", loaded: 1, total: 1, failed: 0, startedAt: null, completedAt: null },
      });
    return undefined;
  });
}

const routes = [
  { path: "/pools/*", element: <LegacyPoolRedirect /> },
  { path: "/accounts/:accountId/pools/*", element: <p>pool page</p> },
];

describe("an old /pools/… link", () => {
  it("opens a member account's pool under that account, its sub-page and query kept", async () => {
    bff([poolSummary({ id: POOL, accountId: MEMBER })]);
    const router = renderRoutes(routes, `/pools/${POOL}/delivery?window=24h`);
    // Before, it went to the console's own account, where the pool "does not exist".
    await waitFor(() =>
      expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
        `/accounts/${MEMBER}/pools/${POOL}/delivery?window=24h`,
      ),
    );
  });

  it("opens a pool the fleet does not know under the console's own account, as before", async () => {
    bff([]);
    const router = renderRoutes(routes, `/pools/${POOL}`);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/accounts/${OWN}/pools/${POOL}`));
  });
});
