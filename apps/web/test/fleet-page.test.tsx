import type { PoolListResponse } from "@clc/domain";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FleetPage } from "../src/pages/fleet-page.tsx";
import { poolSummary } from "./helpers.tsx";

const READY = {
  state: "ready" as const,
  loaded: 0,
  total: 0,
  failed: 0,
  startedAt: "2026-01-01T00:00:00.000Z",
  completedAt: "2026-01-01T00:00:05.000Z",
};

const poolQueries: URLSearchParams[] = [];
let listAnswer: (query: URLSearchParams) => PoolListResponse;
let fleetStatus: PoolListResponse["fleet"];

beforeEach(() => {
  poolQueries.length = 0;
  fleetStatus = READY;
  listAnswer = (query) => ({
    items: [],
    total: 0,
    offset: Number(query.get("offset")),
    limit: Number(query.get("limit")),
    fleet: fleetStatus,
  });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), "http://console.test");
      if (url.pathname === "/api/pools") {
        poolQueries.push(url.searchParams);
        return Response.json(listAnswer(url.searchParams));
      }
      if (url.pathname === "/api/fleet/status") return Response.json(fleetStatus);
      if (url.pathname === "/api/fleet/refresh") return Response.json(fleetStatus, { status: 202 });
      if (url.pathname === "/api/regions") {
        return Response.json({ mode: "sandbox", accountId: null, regions: ["us-east-1", "eu-west-1"] });
      }
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

describe("fleet filters ↔ URL ↔ query", () => {
  it("asks the BFF for exactly the filters in the URL and shows them in the controls", async () => {
    renderFleet("/?region=eu-west-1&tier=PLUS&exporting=none&sort=-findings");
    await waitFor(() => expect(poolQueries.length).toBeGreaterThan(0));
    const query = poolQueries[0];
    expect(query?.get("region")).toBe("eu-west-1");
    expect(query?.get("tier")).toBe("PLUS");
    expect(query?.get("exporting")).toBe("none");
    expect(query?.get("sort")).toBe("-findings");
    expect(query?.get("offset")).toBe("0");
    expect(query?.has("hasWarnings")).toBe(false);

    expect((screen.getByLabelText("Tier") as HTMLSelectElement).value).toBe("PLUS");
    expect((screen.getByLabelText("Not exporting anything") as HTMLInputElement).checked).toBe(true);
    await waitFor(() =>
      expect((screen.getByLabelText("Region") as HTMLSelectElement).value).toBe("eu-west-1"),
    );
  });

  it("puts a changed filter in the URL and queries with it", async () => {
    const router = renderFleet("/?tier=PLUS");
    await waitFor(() => expect(poolQueries.length).toBeGreaterThan(0));
    fireEvent.click(screen.getByLabelText("Has warnings"));
    await waitFor(() => expect(router.state.location.search).toBe("?tier=PLUS&hasWarnings=true"));
    await waitFor(() => expect(poolQueries.some((query) => query.get("hasWarnings") === "true")).toBe(true));
  });

  it("offers to clear filters when nothing matches, and clearing empties the URL", async () => {
    const router = renderFleet("/?q=nothing-like-this&destinationKind=s3");
    expect(await screen.findByText(/No pools match these filters/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "clear filters" }));
    await waitFor(() => expect(router.state.location.search).toBe(""));
  });

  it("shows its rows where the browser refuses to store anything more (storage full)", async () => {
    listAnswer = (query) => ({
      items: [poolSummary({ name: "acme-prod" })],
      total: 1,
      offset: Number(query.get("offset")),
      limit: Number(query.get("limit")),
      fleet: READY,
    });
    // What a full localStorage does on every write (QuotaExceededError); reads still work.
    const setItem = vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    // This test browser lays nothing out: give the table's box a height, as a browser would.
    const clientHeight = vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(400);
    try {
      renderFleet("/");
      expect(await screen.findByRole("link", { name: "acme-prod" })).toBeTruthy();
      // The table tried to remember its box's height, and the page lived on.
      await waitFor(() => expect(setItem).toHaveBeenCalledWith("clc.fleetTableHeight", "400"));
      expect(screen.getByRole("link", { name: "acme-prod" })).toBeTruthy();
      expect(screen.queryByText(/failed to load/i)).toBeNull();
    } finally {
      setItem.mockRestore();
      clientHeight.mockRestore();
    }
  });

  it("says what to do when the pool list cannot be loaded", async () => {
    listAnswer = () => {
      throw new Error("unused");
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(String(input), "http://console.test");
        if (url.pathname === "/api/pools") {
          return Response.json(
            {
              type: "about:blank",
              title: "AWS refused the call",
              status: 502,
              hint: "Check the console's IAM role.",
            },
            { status: 502 },
          );
        }
        return Response.json(READY);
      }),
    );
    renderFleet("/");
    expect(await screen.findByText("Could not load the user pools")).toBeTruthy();
    expect(screen.getByText("Check the console's IAM role.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });

  it("offers the organization's root as an OU, and asks for the accounts directly under it", async () => {
    const account = (accountId: string, name: string, ouPath: string) => ({
      accountId,
      name,
      ouPath,
      roleArn: null,
      own: false,
      status: "ok" as const,
      regions: [{ region: "us-east-1", status: "ok" as const }],
    });
    fleetStatus = {
      ...READY,
      accounts: [
        account("123456789012", "acme-management", ""),
        account("111111111111", "acme-payments", "Production"),
        account("222222222222", "acme-identity", "Production/Identity"),
      ],
    };
    const router = renderFleet("/");
    const ou = (await screen.findByLabelText("OU")) as HTMLSelectElement;
    expect([...ou.options].map((o) => o.textContent)).toEqual([
      "All OUs",
      "Root (accounts in no OU)",
      "Production",
      "Production/Identity",
    ]);
    fireEvent.change(ou, { target: { value: "/" } });
    await waitFor(() => expect(router.state.location.search).toBe("?ou=%2F"));
    await waitFor(() => expect(poolQueries.some((query) => query.get("ou") === "/")).toBe(true));
  });

  it("keeps the Account and OU columns through a Refresh, while the read names the accounts again", async () => {
    // A laptop's window: the table, not the narrow layout's cards (which show every column).
    const width = vi.spyOn(window, "innerWidth", "get").mockReturnValue(1440);
    vi.stubGlobal("matchMedia", () => ({ matches: false, addEventListener() {}, removeEventListener() {} }));
    const account = (accountId: string, ouPath: string) => ({
      accountId,
      name: accountId,
      ouPath,
      roleArn: null,
      own: false,
      status: "ok" as const,
      regions: [{ region: "us-east-1", status: "ok" as const }],
    });
    const page = (items: PoolListResponse["items"]) => (query: URLSearchParams) => ({
      items,
      total: items.length,
      offset: Number(query.get("offset")),
      limit: Number(query.get("limit")),
      fleet: fleetStatus,
    });
    try {
      fleetStatus = {
        ...READY,
        accounts: [account("123456789012", ""), account("111111111111", "Production")],
      };
      listAnswer = page([
        poolSummary({ name: "a", accountId: "123456789012", ouPath: "" }),
        poolSummary({ name: "b", accountId: "111111111111", ouPath: "Production" }),
      ]);
      renderFleet("/");
      expect(await screen.findByRole("columnheader", { name: /^OU/ })).toBeTruthy();
      // A Refresh: the read starts with no account rows, and its first page has one account's pools.
      fleetStatus = { ...READY, state: "loading", accounts: [] };
      listAnswer = page([poolSummary({ name: "a", accountId: "123456789012", ouPath: "" })]);
      const asked = poolQueries.length;
      fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
      await waitFor(() => expect(poolQueries.length).toBeGreaterThan(asked));
      await waitFor(() => expect(screen.getAllByRole("row").length).toBeGreaterThan(0));
      // Before, both columns went (and came back as the accounts streamed in).
      await new Promise((r) => setTimeout(r, 50));
      expect(screen.queryByRole("columnheader", { name: /^OU/ })).not.toBeNull();
      expect(screen.queryByRole("columnheader", { name: /^Account/ })).not.toBeNull();
    } finally {
      width.mockRestore();
    }
  });

  it("says the OU paths may be out of date when the OU tree could not be read, and what to do", async () => {
    fleetStatus = {
      ...READY,
      ouPathsError: {
        code: "AccessDeniedException",
        message: "The console listed the organization's accounts but could not read its OU tree.",
        whatToDo: "Grant organizations:ListParents to the console's principal, then refresh the fleet.",
      },
    };
    renderFleet("/");
    const alert = await screen.findByRole("alert", { name: "OU paths not read" });
    expect(alert.textContent).toContain("OU paths may be out of date");
    expect(alert.textContent).toContain("Grant organizations:ListParents");
  });
});
