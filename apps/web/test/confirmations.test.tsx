/**
 * Changes that touch AWS are confirmed first, saying what will change, and viewers are not offered
 * controls the BFF would refuse (issue 11 §5); redirect targets from the URL stay on the console
 * (issue 20).
 */
import type { CreationPlan, CreationRun, Finding, OperatorRole, PoolDetail } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FindingList } from "../src/components/finding-list.tsx";
import { CreateDestinationPage } from "../src/pages/create-destination/create-destination-page.tsx";
import { RunPage } from "../src/pages/create-destination/run-page.tsx";
import { safeReturnTo } from "../src/pages/sign-in/sign-in-page.tsx";
import { consolePath } from "../src/safe-path.ts";
import { poolDetail, renderRoutes, stubBff } from "./helpers.tsx";

const POOL_ID = "us-east-1_Confirm1";
const detail: PoolDetail = poolDetail(POOL_ID, { pool: { threatProtection: "OFF" } });

const RUN_ID = "run_0123456789abcdef";
const failedRun: CreationRun = {
  id: RUN_ID,
  status: "failed",
  kind: "logGroup",
  poolId: POOL_ID,
  eventSource: "userNotification",
  region: "us-east-1",
  destination: { kind: "logGroup", arn: "arn:aws:logs:us-east-1:123456789012:log-group:/x", name: "/x" },
  steps: [
    {
      id: "create-log-group",
      title: "Create log group /x",
      detail: "",
      resource: { type: "logGroup", name: "/x", arn: null },
      calls: [],
      undo: "Deletes the log group.",
      status: "done",
      message: "Created log group /x.",
      error: null,
      createdByRun: true,
      cleanup: "none",
      cleanupMessage: null,
      startedAt: null,
      finishedAt: null,
    },
    {
      id: "set-retention",
      title: "Keep log events 30 days",
      detail: "",
      resource: { type: "logGroup", name: "/x", arn: null },
      calls: [],
      undo: "Removed with the log group.",
      status: "failed",
      message: "boom",
      error: { code: "X", message: "boom", requestId: null },
      createdByRun: false,
      cleanup: "none",
      cleanupMessage: null,
      startedAt: null,
      finishedAt: null,
    },
  ],
  attempts: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  input: { kind: "logGroup", poolId: POOL_ID, eventSource: "userNotification", logGroupName: "/x" },
};

const plan = (extra: Partial<CreationPlan>): CreationPlan => ({
  kind: "logGroup",
  eventSource: "userNotification",
  region: "us-east-1",
  destination: failedRun.destination,
  steps: [],
  permissions: [],
  tags: {},
  notes: [],
  existing: [],
  changesToExisting: [],
  token: "token-of-this-plan",
  ...extra,
});

let posts: Array<{ path: string; body: unknown }>;
let planAnswer: CreationPlan;

beforeEach(() => {
  posts = [];
  planAnswer = plan({});
  stubBff((url, init) => {
    if (init?.method === "POST") {
      posts.push({ path: url.pathname, body: init.body ? JSON.parse(String(init.body)) : null });
      if (url.pathname.endsWith("/fixes")) {
        return Response.json({
          action: "enable-threat-protection",
          target: detail.pool.arn,
          changed: true,
          message: "Threat protection is now on in audit mode.",
          pool: { ...detail, pool: { ...detail.pool, threatProtection: "AUDIT" } },
        });
      }
      if (url.pathname.endsWith("/cleanup"))
        return Response.json({ run: { ...failedRun, status: "cleaned" } });
      if (url.pathname === "/api/destinations/plan") return Response.json({ plan: planAnswer });
      if (url.pathname === "/api/destinations/runs") {
        return Response.json({ run: { ...failedRun, status: "running" } }, { status: 202 });
      }
    }
    if (url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}`) return Response.json(detail);
    if (url.pathname === `/api/destinations/runs/${RUN_ID}`) return Response.json({ run: failedRun });
    return undefined;
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderAt(path: string, url: string, element: ReactNode, role: OperatorRole) {
  return renderRoutes(
    [
      { path, element },
      { path: "*", element: <p>elsewhere</p> },
    ],
    url,
    { role },
  );
}

const threatFinding: Finding = {
  id: "threat-protection-off",
  severity: "block",
  eventSource: "userAuthEvents",
  message: "Threat protection is off.",
  fix: { action: "enable-threat-protection", label: "Turn on threat protection (audit only)" },
};

describe("one-click fixes", () => {
  it("show what will change (before → after) and change AWS only once confirmed", async () => {
    renderAt(
      "/accounts/:accountId",
      "/accounts/123456789012",
      <FindingList poolId={POOL_ID} findings={[threatFinding]} />,
      "admin",
    );
    const button = await screen.findByRole("button", { name: /Turn on threat protection/ });
    await waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalled());
    fireEvent.click(button);
    const dialog = await screen.findByRole("dialog", { name: /Turn on threat protection for shop/ });
    expect(dialog.textContent).toContain("Threat protection: Off → Audit");
    expect(posts).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(posts).toEqual([]);

    fireEvent.click(button);
    const again = await screen.findByRole("dialog", { name: /Turn on threat protection/ });
    fireEvent.click(within(again).getByRole("button", { name: "Turn on threat protection (audit only)" }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({
      path: `/api/accounts/123456789012/pools/${POOL_ID}/fixes`,
      body: { action: "enable-threat-protection", target: detail.pool.arn },
    });
  });

  it("are not offered to viewers", async () => {
    renderAt(
      "/accounts/:accountId",
      "/accounts/123456789012",
      <FindingList poolId={POOL_ID} findings={[threatFinding]} />,
      "viewer",
    );
    expect(await screen.findByText("Threat protection is off.")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });
});

describe("cleanup of a creation run", () => {
  it("lists what it will remove and asks before changing AWS", async () => {
    renderAt("/destinations/runs/:runId", `/destinations/runs/${RUN_ID}`, <RunPage />, "admin");
    fireEvent.click(await screen.findByRole("button", { name: /Clean up what this run created/ }));
    const dialog = await screen.findByRole("dialog", { name: "Remove what this run created?" });
    expect(dialog.textContent).toContain("Create log group /x: Deletes the log group.");
    expect(dialog.textContent).not.toContain("Keep log events");
    expect(posts).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Clean up" }));
    await waitFor(() =>
      expect(posts.map((p) => p.path)).toEqual([`/api/destinations/runs/${RUN_ID}/cleanup`]),
    );
  });

  it("and running again are not offered to viewers", async () => {
    renderAt("/destinations/runs/:runId", `/destinations/runs/${RUN_ID}`, <RunPage />, "viewer");
    expect(await screen.findByText("The run stopped at a failed step.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Clean up/ })).toBeNull();
    expect(screen.queryByRole("link", { name: /Run again/ })).toBeNull();
  });
});

describe("the creation page", () => {
  const page = (returnTo: string) =>
    `/destinations/new?kind=logGroup&poolId=${POOL_ID}&account=123456789012&eventSource=userNotification&returnTo=${encodeURIComponent(returnTo)}`;

  it("does not offer viewers the plan, which only admins may ask for", async () => {
    renderAt("/destinations/new", page("/"), <CreateDestinationPage />, "viewer");
    expect(await screen.findByLabelText("Log group name")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Review the plan" })).toBeNull();
  });

  it("follows a Cancel target only when it stays on the console", async () => {
    for (const evil of ["https://evil.example/steal", "/.//evil.example/steal"]) {
      renderAt("/destinations/new", page(evil), <CreateDestinationPage />, "admin");
      await screen.findByLabelText("Log group name");
      expect(screen.queryByRole("link", { name: "Cancel" })).toBeNull();
      cleanup();
    }
    renderAt(
      "/destinations/new",
      page(`/accounts/123456789012/pools/${POOL_ID}/edit/userNotification`),
      <CreateDestinationPage />,
      "admin",
    );
    const cancel = await screen.findByRole("link", { name: "Cancel" });
    expect(cancel.getAttribute("href")).toBe(`/accounts/123456789012/pools/${POOL_ID}/edit/userNotification`);
  });

  it("cannot run a plan with a conflict", async () => {
    planAnswer = plan({
      existing: [
        {
          type: "logGroup",
          name: "/x",
          state: "conflict",
          message: "It is KMS-encrypted.",
          differences: ["kms"],
        },
      ],
    });
    renderAt("/destinations/new", page("/"), <CreateDestinationPage />, "admin");
    fireEvent.click(await screen.findByRole("button", { name: "Review the plan" }));
    expect(await screen.findByText(/It is KMS-encrypted/)).toBeTruthy();
    expect((screen.getByRole("button", { name: /^Create / }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("asks before a run changes resources it did not create, then sends the plan's token", async () => {
    planAnswer = plan({ changesToExisting: ["Adds two statements to the policy of the existing bucket b."] });
    const router = renderAt("/destinations/new", page("/"), <CreateDestinationPage />, "admin");
    fireEvent.click(await screen.findByRole("button", { name: "Review the plan" }));
    fireEvent.click(await screen.findByRole("button", { name: /^Create / }));
    const dialog = await screen.findByRole("dialog", { name: "Change resources this run does not create?" });
    expect(dialog.textContent).toContain("existing bucket b");
    expect(posts.map((p) => p.path)).toEqual(["/api/destinations/plan"]);
    fireEvent.click(within(dialog).getByRole("button", { name: /^Create / }));
    await waitFor(() => expect(posts).toHaveLength(2));
    expect(posts[1]).toMatchObject({
      path: "/api/destinations/runs",
      body: { planToken: "token-of-this-plan" },
    });
    // The run has its own URL, so reload, Back and Forward keep it in view.
    await waitFor(() => expect(router.state.location.pathname).toBe(`/destinations/runs/${RUN_ID}`));
  });
});

describe("consolePath", () => {
  it("keeps paths of this console and refuses anything that could leave it", () => {
    expect(consolePath("/pools/x/edit/userAuthEvents?kind=s3")).toBe("/pools/x/edit/userAuthEvents?kind=s3");
    for (const evil of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example/",
      "/\t/evil.example/",
      // Dot segments that URL normalisation removes, leaving `//evil.example` (found by attack).
      "/.//evil.example/",
      "/..//evil.example/",
      "/a/..//evil.example/",
      "/%2e//evil.example/",
      "javascript:alert(1)",
      "",
      null,
    ]) {
      expect(consolePath(evil)).toBeNull();
      // The sign-in page's returnTo goes through the same check.
      expect(safeReturnTo(evil)).toBe("/");
    }
    expect(safeReturnTo("/pools/x")).toBe("/pools/x");
  });
});
