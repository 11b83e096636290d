import type { FleetStatus, PoolSummary } from "@clc/domain";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { FleetAge, RowRefreshing } from "../src/fleet/fleet-age.tsx";

const READY: FleetStatus = {
  state: "ready",
  loaded: 3,
  total: 3,
  failed: 0,
  startedAt: null,
  completedAt: "2026-01-01T00:00:05.000Z",
};

afterEach(cleanup);

describe("the fleet's age", () => {
  it("says a restored fleet is its last known state, as of its oldest read, and how many pools are being refreshed", () => {
    const asOf = new Date(Date.now() - 7 * 60_000).toISOString();
    render(<FleetAge status={{ ...READY, asOf, refreshing: 2, restoredAt: new Date().toISOString() }} />);
    const age = screen.getByTestId("fleet-age");
    expect(age.textContent).toMatch(
      /^Last known state, as of .+ \(read 7 minutes ago\) · 2 pools being refreshed$/,
    );
    expect(screen.getByRole("status").textContent).toContain("2 pools being refreshed");
  });

  it("says only 'as of' for a fleet this process read, and nothing before any row was read", () => {
    const asOf = new Date().toISOString();
    const { rerender } = render(<FleetAge status={{ ...READY, asOf, refreshing: 0 }} />);
    expect(screen.getByTestId("fleet-age").textContent).toMatch(/^As of .+ \(read just now\)$/);
    rerender(<FleetAge status={{ ...READY, asOf: null }} />);
    expect(screen.queryByTestId("fleet-age")).toBeNull();
  });

  it("marks a row being read again", () => {
    const pool = { refreshing: true, readAt: "2026-01-01T00:00:00.000Z" } as PoolSummary;
    const { container, rerender } = render(<RowRefreshing pool={pool} />);
    expect(container.textContent).toBe(" · refreshing");
    rerender(<RowRefreshing pool={{ ...pool, refreshing: undefined }} />);
    expect(container.textContent).toBe("");
  });
});
