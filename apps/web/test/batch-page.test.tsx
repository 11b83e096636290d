import type { Batch, BatchItem } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BatchPage } from "../src/pages/batches/batch-page.tsx";
import { batchItem, batchOf } from "./batch-fixtures.ts";
import { renderRoutes, stubBff } from "./helpers.tsx";

const ID = "6f1c2c1e-0d6a-4b8e-9a57-3d0f1e2a3b4c";
function item(seq: number, outcome: BatchItem["outcome"], extra: Partial<BatchItem> = {}): BatchItem {
  return batchItem(seq, {
    outcome,
    state: outcome === "ready" || outcome === "warning" ? "pending" : "skipped",
    ...extra,
  });
}

const batch = (status: Batch["status"], items: BatchItem[]) => batchOf(ID, "Three pools", status, items);

const planned = batch("planned", [
  item(0, "ready"),
  item(1, "warning", {
    findings: [
      { id: "no-logs", severity: "warn", eventSource: "userNotification", message: "Logs may not arrive." },
    ],
  }),
  item(2, "blocked", { reason: "destination missing: create it first. The log group n does not exist." }),
]);

let fetchMock: ReturnType<typeof stubBff>;
let answer: Batch;
beforeEach(() => {
  answer = planned;
  fetchMock = stubBff((url, init) => {
    if (url.pathname === `/api/batches/${ID}` && (init?.method ?? "GET") === "GET")
      return Response.json(answer);
    if (url.pathname === `/api/batches/${ID}/start`) return Response.json(batch("running", answer.items));
    return undefined;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = (role: "admin" | "viewer" = "admin") =>
  renderRoutes([{ path: "/batches/:batchId", element: <BatchPage /> }], `/batches/${ID}`, { role });

describe("the batch page", () => {
  it("groups the review by outcome, says why a pool is blocked, and starts only once the warnings are acknowledged", async () => {
    renderPage();
    expect(await screen.findByRole("heading", { name: "Ready (1)" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Needs a warning acknowledged (1)" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Blocked (1)" })).toBeTruthy();
    expect(screen.getByText(/^destination missing: create it first/)).toBeTruthy();

    const start = screen.getByRole("button", { name: "Start the batch" }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    fireEvent.click(screen.getByRole("checkbox", { name: /I have read the warnings/ }));
    expect(start.disabled).toBe(false);
    fireEvent.click(start);
    await waitFor(() => expect(screen.getByRole("button", { name: "Pause" })).toBeTruthy());
    const sent = fetchMock.mock.calls.find(([url]) => String(url).endsWith("/start"));
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ acknowledgeWarnings: true });
  });

  it("lists each pool not applied with its reason, and offers viewers no controls", async () => {
    answer = batch("finished", [
      item(0, "ready", { state: "done", message: "Applied." }),
      item(1, "ready", { state: "changed", message: "Changed since planned: the pool is now at version x." }),
    ]);
    renderPage("viewer");
    expect(await screen.findByRole("alert")).toHaveProperty(
      "textContent",
      expect.stringContaining("pool-1: Changed since planned"),
    );
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says when a running batch is held by another console process, and what happens if that process died", async () => {
    answer = {
      ...batch("running", [item(0, "ready", { state: "done" }), item(1, "ready")]),
      heldUntil: "2026-11-30T17:02:00.000Z",
    };
    renderPage();
    const held = await screen.findByTestId("batch-held");
    expect(held.textContent).toMatch(/Another console process is running this batch/);
    expect(held.querySelector("time")?.getAttribute("dateTime")).toBe("2026-11-30T17:02:00.000Z");
    expect(held.textContent).toMatch(/interrupted once the claim lapses/);
  });
});
