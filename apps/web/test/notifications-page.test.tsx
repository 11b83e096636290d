import type { WebhookTestResult, WebhookView } from "@clc/domain";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { NotificationsPage } from "../src/pages/notifications/notifications-page.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const WEBHOOK: WebhookView = {
  id: "6f1c1c3e-8a51-4c1e-9f57-0d2b7b1a0001",
  name: "Slack #ops",
  format: "slack",
  origin: "https://hooks.slack.com",
  display: "https://hooks.slack.com/…Qa9x",
  events: ["pool.blocking"],
  enabled: true,
  createdAt: "2026-11-30T10:00:00.000Z",
  createdBy: "ada",
};

const TEST_RESULT: WebhookTestResult = {
  eventId: "e1",
  attempt: {
    id: "a1",
    webhookId: WEBHOOK.id,
    eventId: "e1",
    eventType: "test",
    attempt: 1,
    at: "2026-11-30T10:01:00.000Z",
    statusCode: 500,
    ok: false,
    error: "The receiver answered HTTP 500.",
    retryInMs: 2000,
  },
};

let fetchMock: ReturnType<typeof stubBff>;
const bodies: Array<{ method: string; path: string; body: unknown }> = [];
beforeEach(() => {
  bodies.length = 0;
  fetchMock = stubBff((url, init) => {
    const method = init?.method ?? "GET";
    if (init?.body) bodies.push({ method, path: url.pathname, body: JSON.parse(String(init.body)) });
    if (url.pathname === "/api/notifications/webhooks" && method === "GET")
      return Response.json({ items: [WEBHOOK] });
    if (url.pathname === `/api/notifications/webhooks/${WEBHOOK.id}/test`) return Response.json(TEST_RESULT);
    if (url.pathname === `/api/notifications/webhooks/${WEBHOOK.id}` && method === "PATCH")
      return Response.json({ ...WEBHOOK, events: ["pool.blocking", "batch.finished"] });
    if (url.pathname === "/api/notifications/webhooks" && method === "POST")
      return Response.json(
        {
          type: "urn:clc:problem:bad-request",
          title: "Bad request",
          status: 400,
          detail: "Webhooks are sent over https only.",
          errors: [{ path: "url", message: "Webhooks are sent over https only." }],
        },
        { status: 400, headers: { "content-type": "application/problem+json" } },
      );
    return undefined;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPage = (role: "admin" | "viewer" = "admin") =>
  renderRoutes([{ path: "/notifications", element: <NotificationsPage /> }], "/notifications", { role });

describe("the notifications page", () => {
  it("shows each webhook by host and masked tail, the events it hears, and a test's outcome", async () => {
    renderPage();
    const card = within(await screen.findByRole("region", { name: "Slack #ops" }));
    expect(card.getByText("https://hooks.slack.com/…Qa9x")).toBeTruthy();
    expect((card.getByLabelText(/A pool turns blocking/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(card.getByRole("button", { name: "Send test" }));
    expect((await card.findByRole("status")).textContent).toBe(
      "Not delivered: The receiver answered HTTP 500. Retrying in 2 s.",
    );
  });

  it("follows a test's retries to its final outcome and lists its attempts (not the first failure)", async () => {
    // The first attempt fails and is retried 20 ms later; the BFF's attempts then hold the retry's success.
    const first = { ...TEST_RESULT.attempt, retryInMs: 20 };
    const retry = { ...first, id: "a2", attempt: 2, statusCode: 200, ok: true, error: null, retryInMs: null };
    let reads = 0;
    vi.unstubAllGlobals();
    stubBff((url, init) => {
      const method = init?.method ?? "GET";
      if (url.pathname === "/api/notifications/webhooks" && method === "GET")
        return Response.json({ items: [WEBHOOK] });
      if (url.pathname === `/api/notifications/webhooks/${WEBHOOK.id}/test`)
        return Response.json({ eventId: "e1", attempt: first });
      if (url.pathname === `/api/notifications/webhooks/${WEBHOOK.id}/attempts`) {
        reads += 1;
        // Another event's attempt is in the list too: only this test's count.
        const other = { ...retry, id: "x1", eventId: "e0", attempt: 1, ok: false, statusCode: 500 };
        return Response.json({ items: reads === 1 ? [first, other] : [retry, first, other] });
      }
      return undefined;
    });
    renderPage();
    const card = within(await screen.findByRole("region", { name: "Slack #ops" }));
    fireEvent.click(card.getByRole("button", { name: "Send test" }));
    await vi.waitFor(
      () =>
        expect(card.getByRole("status").textContent).toBe(
          "Delivered on attempt 2: the receiver answered HTTP 200.",
        ),
      { timeout: 5_000 },
    );
    const attempts = card.getByRole("list", { name: "This test's attempts" });
    expect(
      within(attempts)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Attempt 1: The receiver answered HTTP 500.", "Attempt 2: HTTP 200, delivered."]);
  }, 10_000);

  it("changes the events a webhook hears about", async () => {
    renderPage();
    const card = within(await screen.findByRole("region", { name: "Slack #ops" }));
    fireEvent.click(card.getByLabelText(/A batch of changes ends/));
    await vi.waitFor(() =>
      expect(bodies).toContainEqual({
        method: "PATCH",
        path: `/api/notifications/webhooks/${WEBHOOK.id}`,
        body: { events: ["pool.blocking", "batch.finished"] },
      }),
    );
  });

  it("says a refused address under its field", async () => {
    renderPage();
    await screen.findByRole("region", { name: "Slack #ops" });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Plain" } });
    fireEvent.change(screen.getByLabelText("Address"), { target: { value: "https://example.com/hook" } });
    fireEvent.click(screen.getByRole("button", { name: "Add webhook" }));
    expect((await screen.findByText("Webhooks are sent over https only.")).id).toBe("webhook-url-error");
  });

  it("is for admins only", () => {
    renderPage("viewer");
    expect(screen.getByText("Only admins see and change where notifications go.")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
