import type { Batch } from "@clc/domain";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CLEARED_FILTERS } from "../src/fleet/fleet-filters.ts";
import { ApplyStandardButton } from "../src/pages/standard/apply-standard-button.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const ID = "6f1c2c1e-0d6a-4b8e-9a57-3d0f1e2a3b4c";
const zero = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const planned: Batch = {
  id: ID,
  title: "Standard",
  status: "planned",
  createdBy: "ada",
  createdAt: "2026-11-30T17:00:00.000Z",
  updatedAt: "2026-11-30T17:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  warningsAcknowledged: false,
  outcomes: zero(["ready", "warning", "blocked", "nothing"]),
  states: zero(["pending", "running", "done", "changed", "failed", "skipped", "cancelled"]),
  total: 0,
  standardRevision: 4,
  items: [],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function render(element: React.ReactNode, role: "admin" | "viewer" = "admin") {
  const fetchMock = stubBff((url, init) =>
    url.pathname === "/api/batches" && init?.method === "POST"
      ? Response.json(planned, { status: 201 })
      : undefined,
  );
  renderRoutes(
    [
      { path: "/", element },
      { path: "/batches/:batchId", element: <p>the review</p> },
    ],
    "/",
    { role },
  );
  return fetchMock;
}

const sentBody = (fetchMock: ReturnType<typeof stubBff>) =>
  JSON.parse(String(fetchMock.mock.calls.find(([url]) => String(url).endsWith("/api/batches"))?.[1]?.body));

describe("Apply the standard", () => {
  it("asks the BFF to plan from the stored standard (no per-pool changes from the browser) and opens the review", async () => {
    const fetchMock = render(<ApplyStandardButton drifting={3} />);
    fireEvent.click(screen.getByRole("button", { name: "Apply the standard to 3 drifting pools" }));
    expect(await screen.findByText("the review")).toBeTruthy();
    expect(sentBody(fetchMock)).toEqual({ standard: true });
  });

  it("from a filtered fleet, sends the view's filter", async () => {
    const fetchMock = render(
      <ApplyStandardButton drifting={3} filters={{ ...CLEARED_FILTERS, q: "prod", sort: "name" }} />,
    );
    fireEvent.click(
      screen.getByRole("button", { name: "Apply the standard to the drifting pools of this view" }),
    );
    expect(await screen.findByText("the review")).toBeTruthy();
    expect(sentBody(fetchMock)).toEqual({ standard: true, filter: { q: "prod" } });
  });

  it("is not offered to viewers, nor when nothing drifts", () => {
    render(<ApplyStandardButton drifting={3} />, "viewer");
    expect(screen.queryByRole("button")).toBeNull();
    cleanup();
    render(<ApplyStandardButton drifting={0} />);
    expect(screen.queryByRole("button")).toBeNull();
  });
});
