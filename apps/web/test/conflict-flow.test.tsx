import type { LogDeliveryModel, PoolDetail, PreviewResponse, Problem } from "@clc/domain";
import { diffConfigurations } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reviewPath } from "../src/editor/paths.ts";
import { ReviewPage } from "../src/pages/review-page.tsx";
import { poolDetail, renderRoutes } from "./helpers.tsx";

const POOL_ID = "us-east-1_Conflict1";
const logGroup = (name: string) => ({
  kind: "logGroup" as const,
  arn: `arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/${name}`,
});
const MINE = logGroup("mine");
const EDITED_FROM: LogDeliveryModel = { userNotification: logGroup("old"), userAuthEvents: null };
const THEIRS: LogDeliveryModel = {
  userNotification: logGroup("theirs"),
  userAuthEvents: { kind: "firehose", arn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/siem" },
};

function detail(configuration: LogDeliveryModel, version: string): PoolDetail {
  return poolDetail(POOL_ID, {
    pool: { name: "shop-prod", threatProtection: "ENFORCED" },
    configuration,
    version,
  });
}

function preview(current: LogDeliveryModel, version: string): PreviewResponse {
  const desired = { ...current, userNotification: MINE };
  return {
    desired,
    diff: diffConfigurations(current, desired),
    errors: [],
    findings: [],
    canApply: true,
    sendsNothing: false,
    version,
  };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": status >= 400 ? "application/problem+json" : "application/json",
      ...headers,
    },
  });
}

/** A BFF in which someone else changes the pool between the admin's review and their apply. */
function fakeBff() {
  let stored = { configuration: EDITED_FROM, version: '"v1aaaaaaaa"' };
  let someoneElseWrote = false;
  const putIfMatch: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://console.test");
    const method = init?.method ?? "GET";
    const headers = new Headers(init?.headers);
    if (method === "GET" && url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}`) {
      return json(detail(stored.configuration, stored.version), 200, { etag: stored.version });
    }
    if (method === "POST" && url.pathname.endsWith("/preview")) {
      const answer = preview(stored.configuration, stored.version);
      if (!someoneElseWrote) {
        someoneElseWrote = true;
        stored = { configuration: THEIRS, version: '"v2bbbbbbbb"' };
      }
      return json(answer);
    }
    if (
      method === "PUT" &&
      url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}/log-delivery/userNotification`
    ) {
      const ifMatch = headers.get("if-match") ?? "";
      putIfMatch.push(ifMatch);
      if (ifMatch !== stored.version) {
        const problem: Problem = {
          type: "about:blank",
          title: "The configuration changed",
          status: 412,
          current: stored,
        };
        return json(problem, 412);
      }
      stored = {
        configuration: { ...stored.configuration, userNotification: MINE },
        version: '"v3cccccccc"',
      };
      return json({ ...detail(stored.configuration, stored.version), written: true }, 200, {
        etag: stored.version,
      });
    }
    return json({ type: "about:blank", title: "Not found", status: 404 }, 404);
  });
  return { fetchMock, putIfMatch, stored: () => stored };
}

/** Opens the review, waits until Apply may be pressed and presses it; the fake BFF has changed the pool meanwhile. */
async function applyAfterSomeoneElseWrote() {
  const router = renderRoutes(
    [
      { path: "/accounts/:accountId/pools/:poolId/edit/:eventSource/review", element: <ReviewPage /> },
      { path: "/accounts/:accountId/pools/:poolId", element: <p>Pool page</p> },
    ],
    reviewPath("123456789012", POOL_ID, "userNotification", MINE),
  );
  const apply = await screen.findByRole("button", { name: "Apply" });
  await waitFor(() => expect((apply as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(apply);
  return router;
}

let bff: ReturnType<typeof fakeBff>;
beforeEach(() => {
  bff = fakeBff();
  vi.stubGlobal("fetch", bff.fetchMock);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("apply after someone else changed the pool (412)", () => {
  it("shows what they changed, per event source, and writes nothing", async () => {
    await applyAfterSomeoneElseWrote();

    const conflict = await screen.findByRole("region", {
      name: "Someone changed this pool's logging while you were editing",
    });
    const theirChanges = within(conflict).getByRole("list", { name: "Changes made by someone else" });
    const rows = within(theirChanges).getAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toMatch(/Message-delivery errors.*Changed.*old.*theirs/);
    expect(rows[1]?.textContent).toMatch(/User activity.*Added.*Not exported.*siem/);
    expect(within(conflict).getByText(/Changed: message-delivery errors and user activity/)).toBeTruthy();
    expect(bff.stored().configuration).toEqual(THEIRS);
    expect(bff.putIfMatch).toEqual(['"v1aaaaaaaa"']);
  });

  it("re-applies the edit on top of the current configuration with the new version", async () => {
    const router = await applyAfterSomeoneElseWrote();
    fireEvent.click(await screen.findByRole("button", { name: "Re-apply my change" }));

    await screen.findByText("Pool page");
    expect(router.state.location.pathname).toBe(`/accounts/123456789012/pools/${POOL_ID}`);
    expect(bff.putIfMatch).toEqual(['"v1aaaaaaaa"', '"v2bbbbbbbb"']);
    // Their change to the other event source survives; only mine is replaced.
    expect(bff.stored().configuration).toEqual({ ...THEIRS, userNotification: MINE });
  });

  it("discards the edit and goes back to the pool", async () => {
    const router = await applyAfterSomeoneElseWrote();
    fireEvent.click(await screen.findByRole("button", { name: "Discard my change" }));

    await screen.findByText("Pool page");
    expect(router.state.location.pathname).toBe(`/accounts/123456789012/pools/${POOL_ID}`);
    expect(bff.putIfMatch).toHaveLength(1);
    expect(bff.stored().configuration).toEqual(THEIRS);
  });
});
