/**
 * The fleet page's freshness note (issue 16): a place on the sweep offers the plan that would put it
 * on change events (each step's permissions, the trail the console will not create), and an admin
 * runs it from there; a viewer sees the plan only; a blocked plan cannot be run.
 */
import type { FreshnessPlan, FreshnessSetupResult, FreshnessStatus } from "@clc/domain";
import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import FreshnessNote from "../src/fleet/freshness-note.tsx";
import { renderRoutes, stubBff } from "./helpers.tsx";

const ACCOUNT = "123456789012";
const place = (region: string, mode: "events" | "sweep", reason: string | null) => ({
  accountId: ACCOUNT,
  region,
  mode,
  reason,
  checkedAt: "2026-12-01T10:00:00.000Z",
  eventsSince: mode === "events" ? "2026-12-01T09:00:00.000Z" : null,
  retentionSeconds: mode === "events" ? 345_600 : null,
  lastEventAt: null,
  eventsHandled: 0,
  malformed: 0,
});
const STATUS: FreshnessStatus = {
  enabled: true,
  ttlReplaced: false,
  sweep: {
    intervalSeconds: 86_400,
    readsPerMinute: 30,
    running: false,
    lastStartedAt: null,
    lastCompletedAt: null,
    nextAt: "2026-12-02T10:00:00.000Z",
    poolsRead: 0,
  },
  places: [
    place("us-east-1", "events", null),
    place("eu-west-1", "sweep", "No EventBridge rule clc-cognito-changes sends Cognito's changes to a queue"),
  ],
};
const step = (
  id: FreshnessPlan["steps"][number]["id"],
  state: "todo" | "blocked" | "done",
  permissions: string[],
) => ({
  id,
  title: `step ${id}`,
  state,
  why: state === "blocked" ? "A queue named clc-cognito-changes exists without the console's tag" : null,
  permissions,
});
const plan = (state: "todo" | "blocked"): FreshnessPlan => ({
  accountId: ACCOUNT,
  region: "eu-west-1",
  queueName: "clc-cognito-changes",
  ruleName: "clc-cognito-changes",
  eventPattern: "{}",
  steps: [
    step("create-queue", state, ["sqs:CreateQueue", "sqs:TagQueue"]),
    step("set-queue-policy", state, ["sqs:SetQueueAttributes"]),
    step("put-rule", "todo", ["events:PutRule", "events:TagResource"]),
    step("put-target", "todo", ["events:PutTargets"]),
  ],
  prerequisites: [
    {
      ok: true,
      title: "A CloudTrail trail records Cognito's write management events in eu-west-1",
      hint: null,
    },
  ],
  canRun: state === "todo",
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Opens the note and the plan of eu-west-1. */
async function openPlan() {
  fireEvent.click(await screen.findByText(/Change events in 1 of 2 accounts and regions/));
  fireEvent.click(screen.getByRole("button", { name: "Set up change events…" }));
  return screen.findByRole("region", { name: `Change events plan for ${ACCOUNT} eu-west-1` });
}

describe("the freshness note", () => {
  it("shows a place's plan with each step's permissions, and an admin runs it", async () => {
    let setUp = false;
    const fetchMock = stubBff(async (url, init) => {
      // Once set up, the place is on events: the note reads it so.
      if (url.pathname === "/api/fleet/freshness")
        return Response.json(
          setUp
            ? { ...STATUS, ttlReplaced: true, places: [STATUS.places[0], place("eu-west-1", "events", null)] }
            : STATUS,
        );
      if (url.pathname === "/api/fleet/freshness/plan") return Response.json(plan("todo"));
      if (url.pathname === "/api/fleet/freshness/setup" && init?.method === "POST") {
        setUp = true;
        const done = {
          ...plan("todo"),
          steps: plan("todo").steps.map((s) => ({ ...s, state: "done" as const })),
        };
        return Response.json({
          plan: done,
          place: place("eu-west-1", "events", null),
        } satisfies FreshnessSetupResult);
      }
      return undefined;
    });
    renderRoutes([{ path: "/", element: <FreshnessNote /> }], "/");
    const section = within(await openPlan());
    expect(section.getByText("sqs:CreateQueue")).toBeTruthy();
    expect(section.getByText("events:PutTargets")).toBeTruthy();
    expect(section.getByText(/A CloudTrail trail records/)).toBeTruthy();
    // The plan asked for this place only.
    const planCall = fetchMock.mock.calls.find(([u]) => String(u).includes("/plan"));
    expect(String(planCall?.[0])).toContain(`accountId=${ACCOUNT}&region=eu-west-1`);

    fireEvent.click(section.getByRole("button", { name: "Create the queue and rule" }));
    const outcome = await section.findByText(`Change events are on in ${ACCOUNT} eu-west-1.`);
    // The place is on events now, the plan stays open with its outcome, and the keyboard's focus is
    // on it (the button it was on is gone: nothing is left to do).
    expect(await screen.findByText(/Kept fresh by Cognito's change events in all 2/)).toBeTruthy();
    expect(screen.getByText(`Change events are on in ${ACCOUNT} eu-west-1.`)).toBe(outcome);
    expect(document.activeElement).toBe(outcome);
    expect(section.queryByRole("button", { name: "Create the queue and rule" })).toBeNull();
    const setup = fetchMock.mock.calls.find(([u]) => String(u).includes("/setup"));
    expect(JSON.parse(String(setup?.[1]?.body))).toEqual({
      accountId: ACCOUNT,
      region: "eu-west-1",
    });
  });

  it("shows a viewer the plan without the button", async () => {
    stubBff((url) =>
      url.pathname === "/api/fleet/freshness"
        ? Response.json(STATUS)
        : url.pathname === "/api/fleet/freshness/plan"
          ? Response.json(plan("todo"))
          : undefined,
    );
    renderRoutes([{ path: "/", element: <FreshnessNote /> }], "/", { role: "viewer" });
    const section = within(await openPlan());
    expect(section.queryByRole("button", { name: "Create the queue and rule" })).toBeNull();
    expect(section.getByText("An admin can create them from here.")).toBeTruthy();
  });

  it("cannot run a plan that would adopt a queue the console did not create", async () => {
    stubBff((url) =>
      url.pathname === "/api/fleet/freshness"
        ? Response.json(STATUS)
        : url.pathname === "/api/fleet/freshness/plan"
          ? Response.json(plan("blocked"))
          : undefined,
    );
    renderRoutes([{ path: "/", element: <FreshnessNote /> }], "/");
    const section = within(await openPlan());
    expect(section.getAllByText(/exists without the console's tag/)).toHaveLength(2);
    expect(
      (section.getByRole("button", { name: "Create the queue and rule" }) as HTMLButtonElement).disabled,
    ).toBe(true);
    expect(section.getByText("The console never adopts a queue or rule it did not create.")).toBeTruthy();
  });

  it("says why a setup failed and what to do, in the plan", async () => {
    stubBff((url, init) => {
      if (url.pathname === "/api/fleet/freshness") return Response.json(STATUS);
      if (url.pathname === "/api/fleet/freshness/plan") return Response.json(plan("todo"));
      if (url.pathname === "/api/fleet/freshness/setup" && init?.method === "POST")
        return Response.json(
          {
            type: "urn:clc:problem:freshness-not-ours",
            title: "Not the console's queue",
            status: 409,
            detail:
              "A queue named clc-cognito-changes exists without the console's tag: the console never adopts it.",
          },
          { status: 409, headers: { "content-type": "application/problem+json" } },
        );
      return undefined;
    });
    renderRoutes([{ path: "/", element: <FreshnessNote /> }], "/");
    const section = within(await openPlan());
    fireEvent.click(section.getByRole("button", { name: "Create the queue and rule" }));
    expect(await section.findByText(/Could not set up change events in 123456789012 eu-west-1/)).toBeTruthy();
    expect(section.getByText(/the console never adopts it/)).toBeTruthy();
  });

  it("does not say every place is on events while some are still being checked", async () => {
    const checking = { ...place("eu-west-1", "sweep", null), mode: "checking" as const };
    stubBff((url) =>
      url.pathname === "/api/fleet/freshness"
        ? Response.json({ ...STATUS, places: [STATUS.places[0], checking] })
        : undefined,
    );
    renderRoutes([{ path: "/", element: <FreshnessNote /> }], "/");
    fireEvent.click(await screen.findByText(/1 of 2 accounts and regions still being checked/));
    expect(screen.queryByText(/Kept fresh by Cognito's change events/)).toBeNull();
    // The sweep's schedule, which restarts no longer put off, is in view.
    expect(
      screen.getByText(/The sweep \(daily, 30 reads a minute\) catches what events miss: next/),
    ).toBeTruthy();
  });
});
