import type { LogDeliveryModel, PoolDetail, PreviewResponse } from "@clc/domain";
import { diffConfigurations } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reviewPath } from "../src/editor/paths.ts";
import type { PoolPageState } from "../src/pages/pool-page.tsx";
import { ReviewPage } from "../src/pages/review-page.tsx";
import { poolDetail, renderRoutes } from "./helpers.tsx";

const POOL_ID = "us-east-1_Same1";
const MINE = {
  kind: "logGroup" as const,
  arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/mine",
};
const HELD: LogDeliveryModel = { userNotification: MINE, userAuthEvents: null };
const VERSION = '"v1aaaaaaaa"';

/** A BFF whose pool already sends message-delivery errors where the admin chose: the PUT changes nothing. */
function fakeBff() {
  const puts: string[] = [];
  const detail: PoolDetail = poolDetail(POOL_ID, { configuration: HELD, version: VERSION });
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "content-type": "application/json", etag: VERSION } });
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://console.test");
    const method = init?.method ?? "GET";
    if (method === "POST" && url.pathname.endsWith("/preview")) {
      const preview: PreviewResponse = {
        desired: HELD,
        diff: diffConfigurations(HELD, HELD),
        errors: [],
        findings: [],
        canApply: true,
        version: VERSION,
      };
      return json(preview);
    }
    if (method === "PUT") puts.push(new Headers(init?.headers).get("if-match") ?? "");
    // GET of the pool, and the PUT: the BFF answers what AWS holds, at the same version.
    return json(detail);
  });
  return { fetchMock, puts };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("applying what AWS already holds", () => {
  it("says so before Apply, and after it says nothing was sent instead of 'Saved'", async () => {
    const bff = fakeBff();
    vi.stubGlobal("fetch", bff.fetchMock);
    // Before, the review offered the change as any other and the pool page then said "Saved.".
    const router = renderRoutes(
      [
        { path: "/accounts/:accountId/pools/:poolId/edit/:eventSource/review", element: <ReviewPage /> },
        { path: "/accounts/:accountId/pools/:poolId", element: <p>Pool page</p> },
      ],
      reviewPath("123456789012", POOL_ID, "userNotification", MINE),
    );
    expect(
      await screen.findByText(
        "AWS already holds this configuration: applying it sends nothing and records nothing.",
      ),
    ).toBeTruthy();
    const apply = await screen.findByRole("button", { name: "Apply" });
    await waitFor(() => expect((apply as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(apply);
    await screen.findByText("Pool page");
    expect(bff.puts).toEqual([VERSION]);
    expect((router.state.location.state as PoolPageState).applied).toEqual({
      eventSource: "userNotification",
      action: "unchanged",
    });
  });
});
