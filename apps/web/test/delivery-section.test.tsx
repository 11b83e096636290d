import type { PoolDeliveryResponse, SourceDelivery } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DeliverySection } from "../src/pages/pool-delivery/delivery-section.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const POOL_ID = "us-east-1_Deliv1";
const ACCOUNT = "123456789012";
const now = new Date().toISOString();

const source = (
  patch: Partial<SourceDelivery> & Pick<SourceDelivery, "eventSource" | "state">,
): SourceDelivery => ({
  reason: { id: "x", message: "Reason text." },
  destination: null,
  lastEventAt: null,
  eventsInWindow: null,
  countIsLowerBound: false,
  countUnit: "events",
  recent: [],
  readError: null,
  ...patch,
});

function answer(patch: Partial<PoolDeliveryResponse> = {}): PoolDeliveryResponse {
  return {
    poolId: POOL_ID,
    region: "us-east-1",
    tier: "PLUS",
    threatProtection: "AUDIT",
    window: { text: "24h", seconds: 86_400, from: now, to: now },
    traffic: { signIns: 12, signUps: 0, tokenRefreshes: 3, federations: 0 },
    trafficError: null,
    sources: {
      userNotification: source({ eventSource: "userNotification", state: "not-configured" }),
      userAuthEvents: source({
        eventSource: "userAuthEvents",
        state: "silent",
        reason: {
          id: "traffic-without-logs",
          message: "The pool served 12 sign-ins in the window, but no user activity arrived.",
        },
        destination: {
          kind: "s3",
          arn: "arn:aws:s3:::acme-logs",
          name: "acme-logs",
          consoleUrl: "https://s3.console.aws.amazon.com/s3/buckets/acme-logs",
        },
        eventsInWindow: 0,
        countUnit: "objects",
        objects: [{ key: `AWSLogs/123456789012/cognito/${POOL_ID}/a.log.gz`, lastModified: now, size: 321 }],
      }),
    },
    plusPlan: null,
    checkedAt: now,
    ...patch,
  };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the pool page's Delivery section (issue 15)", () => {
  it("shows each source's state, why, the traffic, and a link to the destination", async () => {
    stubBff((url) =>
      url.pathname === `/api/accounts/${ACCOUNT}/pools/${POOL_ID}/delivery`
        ? Response.json(answer())
        : undefined,
    );
    renderRoutes([{ path: "/", element: <DeliverySection accountId={ACCOUNT} poolId={POOL_ID} /> }], "/", {
      role: "viewer",
    });
    const card = (await screen.findByRole("heading", { name: "User activity" })).closest(
      "section",
    ) as HTMLElement;
    expect(within(card).getByText("Silent")).toBeTruthy();
    expect(within(card).getByText(/12 sign-ins in the window/)).toBeTruthy();
    expect(within(card).getByText("0 objects written")).toBeTruthy();
    expect(
      within(card).getByRole("link", { name: "Open in the AWS console" }).getAttribute("href"),
    ).toContain("acme-logs");
    expect(screen.getByText(/12 sign-ins, 3 token refreshes/)).toBeTruthy();
    expect(screen.getByText("Not configured")).toBeTruthy();
  });

  it("reads the newest object's events when asked, and shows them in the user's terms", async () => {
    const withEvents = answer();
    withEvents.sources.userAuthEvents = {
      ...withEvents.sources.userAuthEvents,
      state: "delivering",
      recent: [
        {
          kind: "userActivity",
          at: now,
          eventType: "SignIn",
          user: "alice",
          ipAddress: "192.0.2.7",
          place: "Dublin, Ireland",
          riskDecision: "PASS",
          riskLevel: "LOW",
          outcome: "Pass",
          userPoolId: POOL_ID,
        },
      ],
    };
    const fetchMock = stubBff((url) =>
      url.pathname === `/api/accounts/${ACCOUNT}/pools/${POOL_ID}/delivery`
        ? Response.json(url.searchParams.get("objectEvents") === "true" ? withEvents : answer())
        : undefined,
    );
    renderRoutes([{ path: "/", element: <DeliverySection accountId={ACCOUNT} poolId={POOL_ID} /> }], "/", {
      role: "viewer",
    });
    fireEvent.click(await screen.findByRole("button", { name: "Show the events of the newest object" }));
    expect(await screen.findByText("alice")).toBeTruthy();
    expect(screen.getByText(/Dublin, Ireland/)).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "Risk decision" })).toBeTruthy();
    expect(fetchMock.mock.calls.some(([input]) => String(input).includes("objectEvents=true"))).toBe(true);
  });

  it("gives each recent event's time with its time zone, in the zone the operator chose", async () => {
    localStorage.setItem("clc.timeZone", "utc");
    const at = "2026-11-30T21:16:43.000Z";
    const withEvents = answer();
    withEvents.sources.userNotification = {
      ...withEvents.sources.userNotification,
      state: "delivering",
      recent: [
        {
          kind: "notification",
          at,
          details: "Failed to send email message to a@example.com",
          userPoolId: POOL_ID,
        },
      ],
    };
    stubBff((url) =>
      url.pathname === `/api/accounts/${ACCOUNT}/pools/${POOL_ID}/delivery`
        ? Response.json(withEvents)
        : undefined,
    );
    renderRoutes([{ path: "/", element: <DeliverySection accountId={ACCOUNT} poolId={POOL_ID} /> }], "/", {
      role: "viewer",
    });
    const row = (await screen.findByText("Failed to send email message to a@example.com")).closest("tr");
    const time = row?.querySelector("time");
    expect(time?.getAttribute("dateTime")).toBe(at);
    expect(time?.textContent).toMatch(/21:16:43.*UTC/);
    localStorage.removeItem("clc.timeZone");
  });

  it("pauses and resumes the live tail", async () => {
    stubBff((url) =>
      url.pathname === `/api/accounts/${ACCOUNT}/pools/${POOL_ID}/delivery`
        ? Response.json(answer())
        : undefined,
    );
    renderRoutes([{ path: "/", element: <DeliverySection accountId={ACCOUNT} poolId={POOL_ID} /> }], "/", {
      role: "viewer",
    });
    const pause = await screen.findByRole("button", { name: "Pause live tail" });
    expect(screen.getByText(/Live: checked every 10 seconds/)).toBeTruthy();
    fireEvent.click(pause);
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Resume live tail" }).getAttribute("aria-pressed")).toBe(
        "true",
      ),
    );
    expect(screen.getByText(/Paused\./)).toBeTruthy();
  });
});
