import type { FleetDeliveryResponse, PoolListResponse } from "@clc/domain";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FleetPage } from "../src/pages/fleet-page.tsx";

const READY = {
  state: "ready" as const,
  loaded: 40,
  total: 40,
  failed: 0,
  startedAt: "2026-01-01T00:00:00.000Z",
  completedAt: "2026-01-01T00:00:05.000Z",
};
const counts = (patch: Partial<FleetDeliveryResponse["summary"]["any"]>) => ({
  delivering: 0,
  silent: 0,
  idle: 0,
  failing: 0,
  "not-configured": 0,
  "not-applicable": 0,
  unknown: 0,
  ...patch,
});
const DELIVERY: FleetDeliveryResponse = {
  window: "24h",
  items: [],
  summary: {
    pools: 40,
    checked: 40,
    any: counts({ delivering: 9, silent: 3, failing: 2, "not-applicable": 20, "not-configured": 25 }),
    bySource: {
      userNotification: counts({ idle: 15, "not-configured": 25 }),
      userAuthEvents: counts({ delivering: 9, silent: 3, failing: 2, idle: 0, "not-applicable": 20 }),
    },
    plusWithoutActivity: 12,
  },
  progress: { state: "ready", done: 40, due: 40 },
};

const poolQueries: URLSearchParams[] = [];

beforeEach(() => {
  poolQueries.length = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), "http://console.test");
      if (url.pathname === "/api/pools") {
        poolQueries.push(url.searchParams);
        return Response.json({
          items: [],
          total: 0,
          offset: 0,
          limit: 200,
          fleet: READY,
        } satisfies PoolListResponse);
      }
      if (url.pathname === "/api/fleet/delivery") return Response.json(DELIVERY);
      if (url.pathname === "/api/fleet/status") return Response.json(READY);
      if (url.pathname === "/api/regions")
        return Response.json({ mode: "sandbox", accountId: null, regions: [] });
      return Response.json({ type: "about:blank", title: "Not found", status: 404 }, { status: 404 });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderFleet(url: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: "/", element: <FleetPage /> }], { initialEntries: [url] });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe("the fleet's delivery summary (issue 15)", () => {
  it("counts each gap as a link that sets the fleet's filters, and not applicable says why, apart from the gaps", async () => {
    const router = renderFleet("/?region=eu-west-1&sort=-findings");
    const summary = (await screen.findByRole("heading", { name: "Delivery, last 24h" })).closest(
      "section",
    ) as HTMLElement;
    const href = (name: RegExp) => within(summary).getByRole("link", { name }).getAttribute("href");
    expect(href(/^12 Plus pools not exporting user activity$/)).toBe(
      "/?tier=PLUS&delivery=not-configured&deliverySource=userAuthEvents&sort=-findings",
    );
    expect(href(/^3 silent$/)).toBe("/?delivery=silent&sort=-findings");
    expect(href(/^2 failing$/)).toBe("/?delivery=failing&sort=-findings");
    const notApplicable = within(summary).getByRole("link", { name: /^20 not applicable \(no Plus plan/ });
    expect(notApplicable.getAttribute("href")).toBe(
      "/?delivery=not-applicable&deliverySource=userAuthEvents&sort=-findings",
    );
    expect(notApplicable.closest("li")?.className).toBe("delivery-summary-neutral");
    expect(
      within(summary)
        .getByRole("link", { name: /^3 silent$/ })
        .closest("li")?.className,
    ).toBe("delivery-summary-gap");
    // No idle pool: no link to an empty list.
    expect(within(summary).queryByRole("link", { name: /idle/ })).toBeNull();
    expect(within(summary).getByText("40 of 40 pools checked.")).toBeTruthy();

    fireEvent.click(within(summary).getByRole("link", { name: /^3 silent$/ }));
    await waitFor(() => expect(router.state.location.search).toBe("?delivery=silent&sort=-findings"));
    await waitFor(() => expect(poolQueries.some((q) => q.get("delivery") === "silent")).toBe(true));
    expect((screen.getByLabelText("Delivery") as HTMLSelectElement).value).toBe("silent");
  });
});
