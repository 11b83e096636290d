import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  callsOf,
  createBucket,
  createLogGroup,
  createPool,
  createStream,
  type Stack,
  setLogDelivery,
  startStack,
} from "./helpers.ts";

const SET = "cognito-idp:SetLogDeliveryConfiguration";

describe("pool detail and safe writes", () => {
  let stack: Stack;
  let notificationsArn: string;
  let otherGroupArn: string;
  let bucketArn: string;
  let streamArn: string;

  beforeAll(async () => {
    stack = await startStack({ seed: "none" });
    const s = stack.sandbox;
    notificationsArn = await createLogGroup(s, "us-east-1", "/aws/vendedlogs/cognito/test/notifications");
    otherGroupArn = await createLogGroup(s, "us-east-1", "/aws/vendedlogs/cognito/test/other");
    bucketArn = await createBucket(s, "us-east-1", `test-activity-${s.accountId}`);
    streamArn = await createStream(s, "us-east-1", "test-activity-stream", true);
  });
  afterAll(async () => {
    await stack.close();
  });

  async function detail(poolId: string) {
    const answer = await stack.call("GET", `/api/pools/${poolId}`);
    expect(answer.status).toBe(200);
    return answer;
  }

  it("answers a pool with its configuration and an ETag equal to its version, whatever AWS's list order", async () => {
    const a = await createPool(stack.sandbox, "us-east-1", "order-a");
    const b = await createPool(stack.sandbox, "us-east-1", "order-b");
    const notify = {
      LogLevel: "ERROR" as const,
      EventSource: "userNotification" as const,
      CloudWatchLogsConfiguration: { LogGroupArn: notificationsArn },
    };
    const activity = {
      LogLevel: "INFO" as const,
      EventSource: "userAuthEvents" as const,
      S3Configuration: { BucketArn: bucketArn },
    };
    await setLogDelivery(stack.sandbox, "us-east-1", a, [notify, activity]);
    await setLogDelivery(stack.sandbox, "us-east-1", b, [activity, notify]);
    const first = await detail(a);
    expect(first.headers.get("etag")).toBe(first.json.version);
    expect(first.json.version).toMatch(/^"[A-Za-z0-9_-]{8,128}"$/);
    expect(first.json.configuration).toEqual({
      userNotification: { kind: "logGroup", arn: notificationsArn },
      userAuthEvents: { kind: "s3", arn: bucketArn },
    });
    expect(first.json.pool).toMatchObject({
      id: a,
      region: "us-east-1",
      tier: "PLUS",
      accountId: stack.sandbox.accountId,
    });
    expect(first.json.destinations.userNotification).toMatchObject({ kind: "logGroup", kmsKeyId: null });
    expect((await detail(b)).json.version).toBe(first.json.version);
  });

  it("sets each event source to each destination kind, keeping the other source", async () => {
    const pool = await createPool(stack.sandbox, "us-east-1", "writes");
    let version = (await detail(pool)).json.version as string;
    const put = async (eventSource: string, destination: { kind: string; arn: string }) => {
      const answer = await stack.call("PUT", `/api/pools/${pool}/log-delivery/${eventSource}`, {
        headers: { "if-match": version },
        body: { destination },
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers.get("etag")).toBe(answer.json.version);
      version = answer.json.version;
      return answer.json;
    };
    await put("userNotification", { kind: "logGroup", arn: notificationsArn });
    for (const destination of [
      { kind: "logGroup", arn: otherGroupArn },
      { kind: "firehose", arn: streamArn },
      { kind: "s3", arn: bucketArn },
    ]) {
      const stored = await put("userAuthEvents", destination);
      expect(stored.configuration).toEqual({
        userNotification: { kind: "logGroup", arn: notificationsArn },
        userAuthEvents: destination,
      });
    }
    // Disable one source: the other stays as AWS has it.
    const disabled = await stack.call("DELETE", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": version },
    });
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.json.configuration).toEqual({
      userNotification: null,
      userAuthEvents: { kind: "s3", arn: bucketArn },
    });
    const again = await stack.call("DELETE", `/api/pools/${pool}/log-delivery/userAuthEvents`, {
      headers: { "if-match": disabled.json.version },
    });
    expect(again.json.configuration).toEqual({ userNotification: null, userAuthEvents: null });
  });

  it("requires If-Match (428) and refuses a stale one (412) with what is stored now, changing nothing", async () => {
    const pool = await createPool(stack.sandbox, "us-east-1", "stale");
    const before = (await detail(pool)).json.version as string;
    const sets = callsOf(stack.sandbox, SET);
    const missing = await stack.call("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      body: { destination: { kind: "logGroup", arn: notificationsArn } },
    });
    expect(missing.status).toBe(428);
    await setLogDelivery(stack.sandbox, "us-east-1", pool, [
      { LogLevel: "INFO", EventSource: "userAuthEvents", S3Configuration: { BucketArn: bucketArn } },
    ]);
    const stale = await stack.call("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": before },
      body: { destination: { kind: "logGroup", arn: notificationsArn } },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toContain("application/problem+json");
    expect(stale.json.current.configuration).toEqual({
      userNotification: null,
      userAuthEvents: { kind: "s3", arn: bucketArn },
    });
    expect(stale.json.current.version).toBe((await detail(pool)).json.version);
    expect(callsOf(stack.sandbox, SET)).toBe(sets + 1); // only the test's own Set
  });

  it("lets exactly one of two concurrent writers win; the other gets 412 and nothing is lost", async () => {
    const pool = await createPool(stack.sandbox, "us-east-1", "race");
    await setLogDelivery(stack.sandbox, "us-east-1", pool, [
      { LogLevel: "INFO", EventSource: "userAuthEvents", FirehoseConfiguration: { StreamArn: streamArn } },
    ]);
    const version = (await detail(pool)).json.version as string;
    const [one, two] = await Promise.all([
      stack.call("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
        headers: { "if-match": version },
        body: { destination: { kind: "logGroup", arn: notificationsArn } },
      }),
      stack.call("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
        headers: { "if-match": version },
        body: { destination: { kind: "logGroup", arn: otherGroupArn } },
      }),
    ]);
    const statuses = [one.status, two.status].sort();
    expect(statuses).toEqual([200, 412]);
    const winner = one.status === 200 ? one : two;
    const loser = one.status === 200 ? two : one;
    expect(loser.json.current).toEqual({
      configuration: winner.json.configuration,
      version: winner.json.version,
    });
    const stored = (await detail(pool)).json;
    expect(stored.configuration).toEqual(winner.json.configuration);
    expect(stored.configuration.userAuthEvents).toEqual({ kind: "firehose", arn: streamArn });
  });

  it("refuses a change the pool cannot take (422) without calling Set", async () => {
    const pool = await createPool(stack.sandbox, "us-east-1", "essentials", "ESSENTIALS");
    const version = (await detail(pool)).json.version as string;
    const sets = callsOf(stack.sandbox, SET);
    const answer = await stack.call("PUT", `/api/pools/${pool}/log-delivery/userAuthEvents`, {
      headers: { "if-match": version },
      body: { destination: { kind: "s3", arn: bucketArn } },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.errors.length).toBeGreaterThan(0);
    const wrongKind = await stack.call("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": version },
      body: { destination: { kind: "s3", arn: bucketArn } },
    });
    expect(wrongKind.status).toBe(422);
    expect(callsOf(stack.sandbox, SET)).toBe(sets);
  });

  it("never retries a rejected Set: one attempt, a 503 with Retry-After, nothing changed", async () => {
    const pool = await createPool(stack.sandbox, "us-east-1", "throttled-write");
    const version = (await detail(pool)).json.version as string;
    // Below one token per second the bucket never holds a whole token: every update is throttled.
    stack.sandbox.setRealism({ quotas: { enabled: true, userPoolReadRps: 15, userPoolUpdateRps: 0.01 } });
    try {
      const sets = callsOf(stack.sandbox, SET);
      const answer = await stack.call("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
        headers: { "if-match": version },
        body: { destination: { kind: "logGroup", arn: notificationsArn } },
      });
      expect(answer.status, answer.text).toBe(503);
      expect(answer.headers.get("retry-after")).toBeTruthy();
      expect(answer.json.hint).toMatch(/throttl/i);
      expect(callsOf(stack.sandbox, SET)).toBe(sets + 1);
    } finally {
      stack.sandbox.setRealism({ quotas: { enabled: false, userPoolReadRps: 15, userPoolUpdateRps: 15 } });
    }
    expect((await detail(pool)).json.configuration).toEqual({ userNotification: null, userAuthEvents: null });
  });

  it("answers bad input with a 4xx and makes no AWS call", async () => {
    const pool = await createPool(stack.sandbox, "us-east-1", "bad-input");
    const goodBody = { destination: { kind: "logGroup", arn: notificationsArn } };
    const etag = '"AAAAAAAAAAAAAAAAAAAAAA"';
    stack.sandbox.resetCalls();
    const cases: Array<[string, string, { body?: unknown; headers?: Record<string, string> }]> = [
      ["GET", "/api/pools/not-a-pool-id", {}],
      ["GET", "/api/pools/ap-south-1_Abc123", {}],
      ["GET", `/api/pools/${pool}x!`, {}],
      [
        "PUT",
        `/api/pools/${pool}/log-delivery/userActivity`,
        { headers: { "if-match": etag }, body: goodBody },
      ],
      [
        "PUT",
        `/api/pools/${pool}/log-delivery/userNotification`,
        { headers: { "if-match": "nope" }, body: goodBody },
      ],
      [
        "PUT",
        `/api/pools/${pool}/log-delivery/userNotification`,
        { headers: { "if-match": etag }, body: { destination: { kind: "queue", arn: "x" } } },
      ],
      [
        "PUT",
        `/api/pools/${pool}/log-delivery/userNotification`,
        {
          headers: { "if-match": etag },
          body: { destination: { kind: "logGroup", arn: `${notificationsArn}:*` } },
        },
      ],
      [
        "PUT",
        `/api/pools/${pool}/log-delivery/userNotification`,
        { headers: { "if-match": etag }, body: "[1,2]" },
      ],
      ["DELETE", `/api/pools/${pool}/log-delivery/userNotification`, {}],
      ["POST", `/api/pools/${pool}/log-delivery/userNotification/preview`, { body: { destination: "arn" } }],
      ["GET", "/api/destinations?region=us-east-1&kind=bucket", {}],
      ["GET", "/api/destinations?region=ap-south-1&kind=s3", {}],
      ["GET", "/api/destinations?region=us-east-1&kind=s3&cursor=garbage", {}],
      ["GET", "/api/pools?tier=GOLD", {}],
    ];
    for (const [method, url, init] of cases) {
      const answer = await stack.call(method, url, init);
      expect(answer.status, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${url}`).toBeLessThan(500);
      expect(answer.json?.status, `${method} ${url}`).toBe(answer.status);
    }
    expect(stack.sandbox.calls().total).toBe(0);
  });
});
