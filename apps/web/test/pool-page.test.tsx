import type { PoolDetail } from "@clc/domain";
import type { QueryClient } from "@tanstack/react-query";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { poolKeys } from "../src/api/pools/keys.ts";
import { kindOptions } from "../src/editor/kind-options.ts";
import { PoolPage, poolLoggingNotes } from "../src/pages/pool-page.tsx";
import { poolDetail, renderRoutes, stubBff, testQueryClient } from "./helpers.tsx";

const POOL_ID = "us-east-1_Fresh1";
const STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/siem";

const detail: PoolDetail = poolDetail(POOL_ID, {
  configuration: { userNotification: null, userAuthEvents: { kind: "firehose", arn: STREAM } },
  destinations: {
    userNotification: null,
    userAuthEvents: {
      kind: "firehose",
      arn: STREAM,
      name: "siem",
      region: "us-east-1",
      accountId: "123456789012",
      deliveryStreamType: "DirectPut",
      status: "ACTIVE",
      logDeliveryEnabledTag: false,
      tags: { LogDeliveryEnabled: "True" },
      destinationType: "http",
      destinationSummary: "logs.example.com",
      checkedAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    },
  },
  findings: [
    {
      id: "firehose-missing-tag",
      severity: "block",
      eventSource: "userAuthEvents",
      message: "The Firehose stream siem is tagged LogDeliveryEnabled=True …",
    },
  ],
  readAt: new Date().toISOString(),
});

beforeEach(() => {
  stubBff((url) =>
    url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}` ? Response.json(detail) : undefined,
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderPool(queryClient: QueryClient) {
  renderRoutes(
    [{ path: "/accounts/:accountId/pools/:poolId", element: <PoolPage /> }],
    `/accounts/123456789012/pools/${POOL_ID}`,
    {
      role: "viewer",
      queryClient,
    },
  );
}

describe("pool page (issue 12 §3)", () => {
  it("shows when each destination was checked, and the tag value that does not count", async () => {
    renderPool(testQueryClient());
    expect(await screen.findByText("Checked")).toBeTruthy();
    expect(screen.getByText("2 hours ago")).toBeTruthy();
    expect(screen.getByText('Set to "True": only "true" counts')).toBeTruthy();
  });

  it("says a destination's kind once to screen readers, and links the kind to its help", async () => {
    renderPool(testQueryClient());
    const sentence = (await screen.findByText(/Exporting to/)).closest("p") as HTMLElement;
    // textContent holds what a screen reader reads, visually hidden text included.
    expect(sentence.textContent?.match(/Firehose stream/g)).toHaveLength(1);
    const link = screen.getByRole("link", { name: "Firehose stream" });
    expect(link.getAttribute("href")).toMatch(/#help-firehose$/);
  });

  it("marks the fleet list stale once the pool (and so its fleet row) was read again", async () => {
    const queryClient = testQueryClient();
    const listKey = [...poolKeys.lists(), "any-page"];
    queryClient.setQueryData(listKey, { items: [] });
    expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(false);
    renderPool(queryClient);
    await screen.findByText("Checked");
    await waitFor(() => expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true));
  });
});

describe("a destination whose details could not be read", () => {
  it("does not say it has no problems: it was not checked", async () => {
    // Before, "No problems found with this destination." stood beside "could not read its details".
    const unread: PoolDetail = {
      ...detail,
      destinations: { userNotification: null, userAuthEvents: null },
      findings: [],
    };
    stubBff((url) =>
      url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}` ? Response.json(unread) : undefined,
    );
    renderPool(testQueryClient());
    expect(await screen.findByText("The console could not read this destination's details.")).toBeTruthy();
    expect(screen.queryByText("No problems found with this destination.")).toBeNull();
    expect(
      screen.getByText(/Not checked: the console could not read this destination's details/),
    ).toBeTruthy();
  });

  it("names the account's place in the organization, the root included", async () => {
    const atRoot: PoolDetail = {
      ...detail,
      account: { name: "acme-management", ouPath: "", roleArn: null },
    };
    stubBff((url) =>
      url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}` ? Response.json(atRoot) : undefined,
    );
    renderPool(testQueryClient());
    const facts = await screen.findByLabelText("Pool facts");
    // Before, an account at the root showed no OU, as one whose OU is not known.
    await waitFor(() => expect(facts.textContent).toContain("acme-management 123456789012 · Root"));
    expect(facts.textContent).toContain("The console's own credentials");
  });

  it("points to the page's Reload, which reads the details again", async () => {
    // Before, it said "Reload the page", which reloads the whole app for what one button does.
    const unread: PoolDetail = {
      ...detail,
      destinations: { userNotification: null, userAuthEvents: null },
      findings: [],
    };
    // The details can be read again once Reload is pressed.
    let reloaded = false;
    stubBff((url) =>
      url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}`
        ? Response.json(reloaded ? detail : unread)
        : undefined,
    );
    renderPool(testQueryClient());
    expect(await screen.findByText(/Use the Reload button to try again\./)).toBeTruthy();
    reloaded = true;
    fireEvent.click(screen.getByRole("button", { name: "Reload" }));
    // Read again: the stream's details are back, and with them its finding.
    expect(
      await screen.findByText(/The Firehose stream siem is tagged LogDeliveryEnabled=True/),
    ).toBeTruthy();
    expect(screen.queryByText(/Not checked: the console could not read/)).toBeNull();
  });
});

describe("links to the AWS console and copies ARNs (issue 19)", () => {
  it("links the pool and its destination to their console pages and copies the destination's ARN", async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    renderPool(testQueryClient());
    const stream = await screen.findByRole("link", {
      name: /^Open the Firehose stream siem in the AWS console/,
    });
    expect(stream.getAttribute("href")).toBe(
      "https://us-east-1.console.aws.amazon.com/firehose/home?region=us-east-1#/details/siem/monitoring",
    );
    expect(stream.getAttribute("rel")).toBe("noopener noreferrer");
    const pool = screen.getByRole("link", { name: /^Open the user pool .* in the AWS console/ });
    expect(pool.getAttribute("href")).toBe(
      `https://us-east-1.console.aws.amazon.com/cognito/v2/idp/user-pools/${POOL_ID}/info?region=us-east-1`,
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy the ARN of the Firehose stream siem" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(STREAM));
    expect(await screen.findByText("Copied")).toBeTruthy();
  });
});

describe("user activity on a LITE pool that kept threat protection (issue 12 §4)", () => {
  it("says what is known on the pool page instead of 'needs the Plus plan'", () => {
    const lite = { ...detail.pool, tier: "LITE" as const };
    const none = { userNotification: null, userAuthEvents: null };
    expect(poolLoggingNotes({ ...lite, threatProtection: "AUDIT" }, none)).toEqual([
      expect.stringMatching(/still runs threat protection.*AWS decides/),
    ]);
    // Blocked by the plan: the page's Plus plan section says it (once), not a note as well.
    expect(poolLoggingNotes({ ...lite, threatProtection: "OFF" }, none)).toEqual([]);
  });

  it("offers every destination kind: preflight warns and AWS decides", () => {
    expect(kindOptions("userAuthEvents", "LITE", "AUDIT").every((o) => o.disabledReason === null)).toBe(true);
    expect(kindOptions("userAuthEvents", "LITE", "OFF").every((o) => o.disabledReason !== null)).toBe(true);
  });
});

describe("a pool without the Plus plan (issues 15 and 19)", () => {
  const essentials: PoolDetail = poolDetail(POOL_ID, {
    pool: { ...detail.pool, tier: "ESSENTIALS", threatProtection: "OFF" },
  });

  it("says how to move to Plus once: what it enables, the console link, the CLI after its warning, and the cost", async () => {
    stubBff((url) =>
      url.pathname === `/api/accounts/123456789012/pools/${POOL_ID}` ? Response.json(essentials) : undefined,
    );
    renderRoutes(
      [{ path: "/accounts/:accountId/pools/:poolId", element: <PoolPage /> }],
      `/accounts/123456789012/pools/${POOL_ID}`,
      { role: "admin", queryClient: testQueryClient() },
    );
    const section = (await screen.findByRole("heading", { name: "What the Plus plan would enable" })).closest(
      "section",
    ) as HTMLElement;
    expect(screen.getAllByRole("heading", { name: "What the Plus plan would enable" })).toHaveLength(1);
    // The reason is said once on the page (the panel), pointing to the section; no note nor button text repeats it.
    expect(screen.getAllByText(/needs the Plus plan/)).toHaveLength(1);
    expect(screen.getByRole("link", { name: "How to move to Plus" }).getAttribute("href")).toBe("#plus-plan");
    expect(screen.getAllByText(/update-user-pool --region us-east-1/)).toHaveLength(1);
    const warning = within(section).getByText(/replaces the whole pool configuration/);
    const command = within(section).getByText(/--user-pool-tier PLUS --user-pool-add-ons/);
    // The warning comes before the command it is about.
    expect(warning.compareDocumentPosition(command) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      within(section)
        .getByRole("link", { name: /AWS console/ })
        .getAttribute("href"),
    ).toContain("cognito/v2/idp/user-pools");
    expect(within(section).getByText(/monthly active user/)).toBeTruthy();
  });
});
