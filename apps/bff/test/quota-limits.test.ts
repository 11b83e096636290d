/**
 * Issue 20, "a viewer can spend the account's AWS quotas" and "unbounded growth": over HTTP against
 * a running BFF and sandbox, counting the calls the sandbox served (no timing assertions).
 */
import { startSandbox } from "@clc/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { createAwsClients } from "../src/aws/clients.ts";
import { ADMIN, addOperator, startTestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import {
  type Answer,
  callsOf,
  createLogGroup,
  createPool,
  createStream,
  type Stack,
  startStack,
  waitForFleet,
} from "./helpers.ts";

let stack: Stack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

const preview = (s: Stack, poolId: string, arn: string) =>
  s.call("POST", `/api/pools/${poolId}/log-delivery/userNotification/preview`, {
    body: { destination: { kind: "logGroup", arn } },
  });

const statuses = (answers: Answer[]) => answers.map((a) => a.status);

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.headers.get("content-type")).toContain("application/problem+json");
  expect(answer.json).toMatchObject({
    type: "urn:clc:problem:rate-limited",
    status: 429,
    detail: expect.stringContaining("quotas"),
    hint: expect.stringMatching(/^Wait \d+ s, then try again\.$/),
  });
  expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
}

describe("per-operator rate limits on the routes that spend AWS quotas", () => {
  const PREVIEW = "POST /api/pools/:poolId/log-delivery/:eventSource/preview";
  /** A pool and a log group of the same name, straight in the sandbox. */
  async function poolAndLogGroup(name: string) {
    const sandbox = (stack as Stack).sandbox;
    const pool = await createPool(sandbox, "us-east-1", name);
    const arn = await createLogGroup(sandbox, "us-east-1", `/aws/cognito/${name}`);
    return { pool, arn };
  }

  it("refuses previews beyond the limit with a 429 problem, and sends AWS nothing for them", async () => {
    stack = await startStack({ seed: "none", config: { rateLimits: { [PREVIEW]: { max: 3 } } } });
    const { pool, arn } = await poolAndLogGroup("limited");
    stack.sandbox.resetCalls();

    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await preview(stack, pool, arn));

    expect(statuses(answers)).toEqual([200, 200, 200, 429, 429]);
    expectRateLimited(answers[4] as Answer);
    // Three previews' reads (2 each, fresh), none for the refused two.
    expect(callsOf(stack.sandbox, "cognito-idp:DescribeUserPool")).toBe(3);
  });

  it("limits the same routes under an account's path (issue 14's URLs must not escape the limits)", async () => {
    stack = await startStack({ seed: "none", config: { rateLimits: { [PREVIEW]: { max: 2 } } } });
    const { pool, arn } = await poolAndLogGroup("limited-account");
    const { accountId } = (await stack.call("GET", "/api/regions")).json as { accountId: string };
    const scoped = () =>
      (stack as Stack).call(
        "POST",
        `/api/accounts/${accountId}/pools/${pool}/log-delivery/userNotification/preview`,
        { body: { destination: { kind: "logGroup", arn } } },
      );

    const answers: Answer[] = [];
    for (let i = 0; i < 4; i++) answers.push(await scoped());

    expect(statuses(answers)).toEqual([200, 200, 429, 429]);
    expectRateLimited(answers[3] as Answer);
  });

  it("refuses fleet refreshes beyond the limit, so refreshes cannot be chained into a flood of reads", async () => {
    stack = await startStack({
      seed: "none",
      config: { rateLimits: { "POST /api/fleet/refresh": { max: 2 } } },
    });
    await createPool(stack.sandbox, "us-east-1", "refreshed");
    stack.sandbox.resetCalls();

    const answers: Answer[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await stack.call("POST", "/api/fleet/refresh"));
      await waitForFleet(stack);
    }

    expect(statuses(answers)).toEqual([202, 202, 429, 429, 429, 429]);
    expectRateLimited(answers[2] as Answer);
    // Two fleet reads of one pool in two regions: 2 listings and 1 description each.
    expect(callsOf(stack.sandbox, "cognito-idp:ListUserPools")).toBe(4);
    expect(callsOf(stack.sandbox, "cognito-idp:DescribeUserPool")).toBe(2);
  });

  it("refuses change-events plans beyond the limit, sending AWS nothing for them", async () => {
    const PLAN = "GET /api/fleet/freshness/plan";
    stack = await startStack({ seed: "none", config: { rateLimits: { [PLAN]: { max: 2 } } } });
    const url = `/api/fleet/freshness/plan?accountId=${stack.sandbox.accountId}&region=us-east-1`;
    expect((await stack.call("GET", url)).status).toBe(200);
    expect((await stack.call("GET", url)).status).toBe(200);
    const calls = stack.sandbox.calls().total;
    const refused = await stack.call("GET", url);
    expectRateLimited(refused);
    expect(stack.sandbox.calls().total).toBe(calls);
  });

  it("counts each route separately: a viewer at the preview limit can still read a pool", async () => {
    stack = await startStack({ seed: "none", config: { rateLimits: { [PREVIEW]: { max: 1 } } } });
    const { pool, arn } = await poolAndLogGroup("routes");
    expect((await preview(stack, pool, arn)).status).toBe(200);
    expect((await preview(stack, pool, arn)).status).toBe(429);
    expect((await stack.call("GET", `/api/pools/${pool}`)).status).toBe(200);
  });
});

describe("identical reads under way at once are made once", () => {
  it("makes 20 parallel previews of one pool with one DescribeUserPool call, not 20", {
    timeout: 30_000,
  }, async () => {
    stack = await startStack({ seed: "none" });
    const pool = await createPool(stack.sandbox, "us-east-1", "popular");
    const arn = await createLogGroup(stack.sandbox, "us-east-1", "/aws/cognito/popular");
    // A slow AWS, so that the 20 previews are all under way together.
    stack.sandbox.setRealism({ latencyMs: 1000 });
    stack.sandbox.resetCalls();
    const s = stack;

    const answers = await Promise.all(Array.from({ length: 20 }, () => preview(s, pool, arn)));

    expect(statuses(answers)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => a.json.version)).size).toBe(1);
    expect(callsOf(stack.sandbox, "cognito-idp:DescribeUserPool")).toBeLessThanOrEqual(2);
    expect(callsOf(stack.sandbox, "cognito-idp:GetLogDeliveryConfiguration")).toBeLessThanOrEqual(2);
  });

  it("answers concurrent refreshes with the fleet read under way instead of starting another", async () => {
    stack = await startStack({ seed: "none" });
    await createPool(stack.sandbox, "us-east-1", "once");
    stack.sandbox.setRealism({ latencyMs: 300 });
    stack.sandbox.resetCalls();
    const s = stack;

    const answers = await Promise.all(Array.from({ length: 5 }, () => s.call("POST", "/api/fleet/refresh")));
    await waitForFleet(stack);

    expect(statuses(answers)).toEqual(Array(5).fill(202));
    expect(new Set(answers.map((a) => a.json.startedAt)).size).toBe(1);
    expect(callsOf(stack.sandbox, "cognito-idp:DescribeUserPool")).toBe(1);
  });
});

describe("an admin's change does not queue behind viewers' reads", () => {
  it("serves the reads of a change before the previews queued ahead of it", { timeout: 60_000 }, async () => {
    const viewers = 8;
    stack = await startStack({
      seed: "none",
      env: { COGNITO_READ_RPS: "4", COGNITO_MAX_CONCURRENCY: "1", AWS_REQUEST_DEADLINE_MS: "60000" },
    });
    const s = stack;
    const target = await createPool(s.sandbox, "us-east-1", "admin-target");
    const others: string[] = [];
    for (let i = 0; i < viewers; i++) others.push(await createPool(s.sandbox, "us-east-1", `viewer-${i}`));
    const arn = await createLogGroup(s.sandbox, "us-east-1", "/aws/cognito/admin-target");
    const etag = (await s.call("GET", `/api/pools/${target}`)).headers.get("etag") ?? "";
    s.sandbox.resetCalls();

    // 16 reads at 4/s queue for about 4 s; the change's reads come after all of them.
    const previews = Promise.all(others.map((pool) => preview(s, pool, arn)));
    while (callsOf(s.sandbox, "cognito-idp:DescribeUserPool") === 0)
      await new Promise((r) => setTimeout(r, 10));
    const change = await s.call("PUT", `/api/pools/${target}/log-delivery/userNotification`, {
      headers: { "if-match": etag },
      body: { destination: { kind: "logGroup", arn } },
    });
    const describedBeforeTheChangeReturned = callsOf(s.sandbox, "cognito-idp:DescribeUserPool");

    expect(change.status).toBe(200);
    // First come, first served, the change would have waited for every viewer's read (viewers + 1).
    expect(describedBeforeTheChangeReturned).toBeLessThan(viewers + 1);
    expect(statuses(await previews)).toEqual(Array(viewers).fill(200));
  });
});

describe("an admin's preview does not queue behind a viewer's previews", () => {
  // Issue 20: 150 parallel previews of a viewer made an admin's preview fail with 504.
  it("serves the admin's reads before the viewer's queued ones", {
    timeout: 60_000,
  }, async () => {
    const viewers = 8;
    const sandbox = await startSandbox({ seed: "none" });
    const app = await startTestApp({
      target: { mode: "sandbox", endpoint: sandbox.endpoint },
      env: { COGNITO_READ_RPS: "4", COGNITO_MAX_CONCURRENCY: "1", AWS_REQUEST_DEADLINE_MS: "60000" },
    });
    try {
      await addOperator(app.stores, ADMIN);
      await addOperator(app.stores, VIEWER);
      const admin = new TestBrowser(app.baseUrl);
      const viewer = new TestBrowser(app.baseUrl);
      expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
      expect((await viewer.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);
      const target = await createPool(sandbox, "us-east-1", "admin-previews");
      const others: string[] = [];
      for (let i = 0; i < viewers; i++) others.push(await createPool(sandbox, "us-east-1", `viewer-${i}`));
      const arn = await createLogGroup(sandbox, "us-east-1", "/aws/cognito/admin-previews");
      const body = { destination: { kind: "logGroup", arn } };
      const previewAs = (browser: TestBrowser, pool: string) =>
        browser.request("POST", `/api/pools/${pool}/log-delivery/userNotification/preview`, { body });
      sandbox.resetCalls();

      const viewerPreviews = Promise.all(others.map((pool) => previewAs(viewer, pool)));
      while (callsOf(sandbox, "cognito-idp:DescribeUserPool") === 0)
        await new Promise((r) => setTimeout(r, 10));
      const adminPreview = await previewAs(admin, target);
      const describedBeforeTheAdminWasAnswered = callsOf(sandbox, "cognito-idp:DescribeUserPool");

      expect(adminPreview.status).toBe(200);
      expect(describedBeforeTheAdminWasAnswered).toBeLessThan(viewers + 1);
      expect((await viewerPreviews).map((a) => a.status)).toEqual(Array(viewers).fill(200));
    } finally {
      await app.close();
      await sandbox.close();
    }
  });
});

describe("destination searches", () => {
  it("answers a repeated search from a short cache instead of listing Firehose again", async () => {
    stack = await startStack({ seed: "none" });
    for (let i = 0; i < 3; i++) await createStream(stack.sandbox, "us-east-1", `search-${i}`, true);
    stack.sandbox.resetCalls();

    const first = await stack.call("GET", "/api/destinations?region=us-east-1&kind=firehose&q=search");
    const firehoseCalls = stack.sandbox.calls().total;
    const again = await Promise.all(
      Array.from({ length: 10 }, () =>
        stack?.call("GET", "/api/destinations?region=us-east-1&kind=firehose&q=search"),
      ),
    );

    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(3);
    expect(firehoseCalls).toBeGreaterThan(0);
    expect(again.map((a) => a?.json)).toEqual(Array(10).fill(first.json));
    expect(stack.sandbox.calls().total).toBe(firehoseCalls);
  });
});

describe("no request parameter grows the BFF's memory for good", () => {
  it("refuses a bucket check for a pool in a region the console does not show, naming the regions", async () => {
    stack = await startStack({ seed: "none" });
    stack.sandbox.resetCalls();

    const answer = await stack.call(
      "GET",
      "/api/destinations/bucket-availability?poolId=ap-southeast-7_AbC123&name=some-bucket-name",
    );

    expect(answer.status).toBe(400);
    expect(answer.json.errors).toEqual([
      { path: "querystring.poolId", message: `Choose one of ${stack.config.regions.join(", ")}.` },
    ]);
    expect(stack.sandbox.calls().total).toBe(0);
  });

  it("keeps a bounded number of destination lookups: the oldest is looked up again", async () => {
    stack = await startStack({ seed: "none", config: { cacheMaxEntries: 2 } });
    const pool = await createPool(stack.sandbox, "us-east-1", "many-arns");
    const arnOf = (i: number) =>
      `arn:aws:logs:us-east-1:${stack?.sandbox.accountId}:log-group:/aws/cognito/g${i}`;
    expect((await preview(stack, pool, arnOf(0))).status).toBe(200);
    const lookups = () => callsOf((stack as Stack).sandbox, "logs:DescribeLogGroups");
    const first = lookups();
    expect((await preview(stack, pool, arnOf(0))).status).toBe(200);
    expect(lookups()).toBe(first);

    for (let i = 1; i <= 3; i++) expect((await preview(stack, pool, arnOf(i))).status).toBe(200);
    const afterOthers = lookups();
    expect((await preview(stack, pool, arnOf(0))).status).toBe(200);

    expect(lookups()).toBe(afterOthers + 1);
  });

  it("keeps a bounded number of SDK clients for regions the console does not show", () => {
    const clients = createAwsClients({
      target: { mode: "sandbox", endpoint: "http://127.0.0.1:9" },
      callTimeoutMs: 1000,
      backgroundCallBudgetMs: 1000,
      pinnedRegions: ["us-east-1"],
      maxOtherRegionClients: 4,
    });
    clients.logs("us-east-1", "read");
    for (let i = 0; i < 40; i++) clients.logs(`xx-test-${i}`, "read");

    expect(clients.size()).toBe(5);
    clients.destroy();
  });
});
