import type { LogDeliveryModel, PoolDetail, PreviewResponse } from "@clc/domain";
import { diffConfigurations } from "@clc/domain";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { reviewPath } from "../src/editor/paths.ts";
import { PoolPage } from "../src/pages/pool-page.tsx";
import { ReviewPage } from "../src/pages/review-page.tsx";
import { poolDetail, renderRoutes } from "./helpers.tsx";

const POOL_ID = "us-east-1_Same1";
const MINE = {
  kind: "logGroup" as const,
  arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/mine",
};
const HELD: LogDeliveryModel = { userNotification: MINE, userAuthEvents: null };
const VERSION = '"v1aaaaaaaa"';

/**
 * A BFF whose pool already sends message-delivery errors where the admin chose. Its preview says
 * whether the apply would send nothing (the BFF's own rule: it knows what the version hides, such
 * as a wrong log level); its PUT answers `written: false`, as when AWS held the change already.
 */
function fakeBff(sendsNothing: boolean) {
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
        sendsNothing,
        version: VERSION,
      };
      return json(preview);
    }
    if (method === "PUT") {
      puts.push(new Headers(init?.headers).get("if-match") ?? "");
      return json({ ...detail, written: false });
    }
    return json(detail);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { puts };
}

function openReview() {
  return renderRoutes(
    [
      { path: "/accounts/:accountId/pools/:poolId/edit/:eventSource/review", element: <ReviewPage /> },
      { path: "/accounts/:accountId/pools/:poolId", element: <PoolPage /> },
    ],
    reviewPath("123456789012", POOL_ID, "userNotification", MINE),
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("applying what AWS already holds", () => {
  it("is not offered: Apply is off and says why, and nothing is sent", async () => {
    // Before, the review offered it as any change; the BFF then sent the Set and audited it.
    const bff = fakeBff(true);
    openReview();
    const apply = await screen.findByRole("button", { name: "Apply" });
    await waitFor(() => expect((apply as HTMLButtonElement).disabled).toBe(true));
    expect(screen.getByText("Nothing to apply: AWS already holds this configuration.")).toBeTruthy();
    fireEvent.click(apply);
    expect(bff.puts).toEqual([]);
  });

  it("when the BFF answers that it wrote nothing, the pool page says so instead of 'Saved'", async () => {
    // The diff is unchanged but the BFF would send a Set (say, to correct a wrong log level).
    const bff = fakeBff(false);
    openReview();
    const apply = await screen.findByRole("button", { name: "Apply" });
    await waitFor(() => expect((apply as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(apply);
    expect(
      await screen.findByText(
        "Nothing to change: AWS already held this for message-delivery errors, so nothing was sent.",
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/^Saved\./)).toBeNull();
    expect(bff.puts).toEqual([VERSION]);
  });
});
