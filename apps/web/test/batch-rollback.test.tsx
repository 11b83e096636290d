import type { Batch, BatchItem } from "@clc/domain";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BatchPage } from "../src/pages/batches/batch-page.tsx";
import { batchItem, batchOf } from "./batch-fixtures.ts";
import { renderRoutes, stubBff } from "./helpers.tsx";

const ID = "6f1c2c1e-0d6a-4b8e-9a57-3d0f1e2a3b4c";
const UNDO = "0b7c4e1a-5d2f-4c3b-8a9e-1f2e3d4c5b6a";
const item = (seq: number, extra: Partial<BatchItem>) =>
  batchItem(seq, { state: "done", auditId: "12", ...extra });
const batch = (id: string, status: Batch["status"], items: BatchItem[], extra: Partial<Batch> = {}) =>
  batchOf(id, "Two pools", status, items, extra);

const finished = batch(ID, "finished", [item(0, {}), item(1, {})]);
const rollback = batch(
  UNDO,
  "planned",
  [
    item(0, { state: "pending", undoes: "13", undoesBatch: ID }),
    item(1, {
      state: "skipped",
      outcome: "blocked",
      reason:
        "Changed since the batch: Notifications: the batch left log group x, AWS now holds log group y.",
      undoesBatch: ID,
    }),
  ],
  { title: "Roll back: Two pools", undoesBatch: ID },
);

let fetchMock: ReturnType<typeof stubBff>;
beforeEach(() => {
  fetchMock = stubBff((url, init) => {
    const method = init?.method ?? "GET";
    if (url.pathname === `/api/batches/${ID}` && method === "GET") return Response.json(finished);
    if (url.pathname === `/api/batches/${UNDO}` && method === "GET") return Response.json(rollback);
    if (url.pathname === `/api/batches/${ID}/rollback` && method === "POST")
      return Response.json(rollback, { status: 201 });
    return undefined;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = (role: "admin" | "viewer" = "admin") =>
  renderRoutes([{ path: "/batches/:batchId", element: <BatchPage /> }], `/batches/${ID}`, { role });

describe("rolling back a batch from its page", () => {
  it("plans the rollback as a new batch and opens its review, with refused pools and their reason", async () => {
    const router = renderPage();
    fireEvent.click(await screen.findByRole("button", { name: "Roll back this batch…" }));
    expect(await screen.findByRole("heading", { name: "Roll back: Two pools" })).toBeTruthy();
    expect(router.state.location.pathname).toBe(`/batches/${UNDO}`);
    expect(
      fetchMock.mock.calls.some(
        ([url, init]) => String(url).endsWith(`/api/batches/${ID}/rollback`) && init?.method === "POST",
      ),
    ).toBe(true);
    expect(screen.getByText(/This batch rolls back/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "an earlier batch" }).getAttribute("href")).toBe(
      `/batches/${ID}`,
    );
    expect(screen.getByRole("heading", { name: "Blocked (1)" })).toBeTruthy();
    expect(screen.getByText(/^Changed since the batch/)).toBeTruthy();
    expect(screen.getByText("These pools are not rolled back: each says why.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Start the batch" })).toBeTruthy();
  });

  it("offers viewers no rollback", async () => {
    renderPage("viewer");
    expect(await screen.findByRole("heading", { name: "Two pools" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Roll back this batch…" })).toBeNull();
  });
});
