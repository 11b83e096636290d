/** The realism switches (latency, quotas, faults) and the /_sandbox control endpoints, over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { jsonCall, queryCall } from "./support/aws.ts";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
});
afterAll(() => sandbox.close());
afterEach(() => {
  sandbox.setRealism({
    latencyMs: 0,
    jitterMs: 0,
    cloudTrailEventDelayMs: 300_000,
    quotas: { enabled: false, userPoolReadRps: 15, userPoolUpdateRps: 15 },
    faults: { throttleRate: 0, errorRate: 0, hangRate: 0 },
  });
});

const list = (region = "us-east-1") =>
  jsonCall(sandbox.endpoint, region, "cognito-idp", "ListUserPools", { MaxResults: 10 });

/** ListUserPools with a signature the sandbox does not check: for calls the test abandons or aborts. */
const listPoolsUnchecked = (endpoint: string, signal?: AbortSignal) =>
  fetch(endpoint, {
    method: "POST",
    headers: {
      "x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools",
      authorization:
        "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: "{}",
    ...(signal ? { signal } : {}),
  });

describe("defaults", () => {
  it("start with every switch off", async () => {
    const config = await (await fetch(`${sandbox.endpoint}/_sandbox/config`)).json();
    expect(config).toEqual({
      latencyMs: 0,
      jitterMs: 0,
      cloudTrailEventDelayMs: 300_000,
      quotas: { enabled: false, userPoolReadRps: 15, userPoolUpdateRps: 15 },
      faults: { throttleRate: 0, errorRate: 0, hangRate: 0 },
    });
  });
});

describe("latency", () => {
  it("holds each AWS answer until the configured delay has passed, and never delays /_sandbox", async () => {
    // The sandbox waits through an injected sleep, so the test sees the delay asked for and controls
    // when it ends, instead of measuring wall time.
    const waits: Array<{ ms: number; end: () => void }> = [];
    const own = await startSandbox({
      seed: "none",
      realism: { latencyMs: 40 },
      sleep: (ms) => new Promise<void>((end) => waits.push({ ms, end })),
    });
    try {
      let answered = false;
      const pending = jsonCall(own.endpoint, "us-east-1", "cognito-idp", "ListUserPools", {
        MaxResults: 10,
      }).then((answer) => {
        answered = true;
        return answer;
      });
      while (waits.length === 0 && !answered) await new Promise((resolve) => setImmediate(resolve));
      expect(waits.map((w) => w.ms)).toEqual([40]);
      // The call has reached the sandbox (it counts) but is not answered while the delay runs.
      expect(own.calls().total).toBe(1);
      expect(answered).toBe(false);
      expect((await fetch(`${own.endpoint}/_sandbox/health`)).status).toBe(200);
      expect(answered).toBe(false);
      waits[0]?.end();
      expect((await pending).status).toBe(200);
      expect(waits).toHaveLength(1);

      own.setRealism({ latencyMs: 0 });
      expect((await jsonCall(own.endpoint, "us-east-1", "logs", "DescribeLogGroups", {})).status).toBe(200);
      expect(waits).toHaveLength(1);
    } finally {
      for (const w of waits) w.end();
      await own.close();
    }
  });
});

describe("quotas", () => {
  it("throttles reads over the per-account, per-region rate with TooManyRequestsException, and leaves updates and other regions alone", async () => {
    sandbox.setRealism({ quotas: { enabled: true, userPoolReadRps: 2, userPoolUpdateRps: 50 } });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await list());
    expect(answers[0]?.status).toBe(200);
    const throttled = answers.filter((a) => a.status === 400);
    expect(throttled.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(throttled[0]?.text ?? "{}")).toEqual({
      __type: "TooManyRequestsException",
      message: "Rate exceeded",
    });
    // GetLogDeliveryConfiguration shares the read bucket.
    const get = await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "GetLogDeliveryConfiguration", {
      UserPoolId: "us-east-1_AAAAAAAAA",
    });
    expect(JSON.parse(get.text).__type).toBe("TooManyRequestsException");
    // Updates count against their own bucket; another region has its own.
    const create = await jsonCall(sandbox.endpoint, "us-east-1", "cognito-idp", "CreateUserPool", {
      PoolName: "quota",
    });
    expect(create.status).toBe(200);
    expect((await list("eu-west-1")).status).toBe(200);
    // Other services have no Cognito quota.
    const logs = await jsonCall(sandbox.endpoint, "us-east-1", "logs", "DescribeLogGroups", {});
    expect(logs.status).toBe(200);
  });
});

describe("faults", () => {
  it("answers every call with 500 InternalErrorException or 503 at errorRate 1", async () => {
    sandbox.setRealism({ faults: { errorRate: 1 } });
    for (let i = 0; i < 8; i++) {
      const answer = await list();
      expect([500, 503]).toContain(answer.status);
      if (answer.status === 500) expect(JSON.parse(answer.text).__type).toBe("InternalErrorException");
    }
  });

  it("throttles every call at throttleRate 1, in each protocol's words", async () => {
    sandbox.setRealism({ faults: { throttleRate: 1 } });
    const cognito = await list();
    expect(cognito.status).toBe(400);
    expect(JSON.parse(cognito.text).__type).toBe("TooManyRequestsException");
    const sts = await queryCall(sandbox.endpoint, "sts", "Action=GetCallerIdentity&Version=2011-06-15");
    expect(sts.status).toBe(400);
    expect(sts.text).toContain("<Code>Throttling</Code>");
  });

  it("never touches /_sandbox endpoints", async () => {
    sandbox.setRealism({ faults: { errorRate: 1 } });
    expect((await fetch(`${sandbox.endpoint}/_sandbox/health`)).status).toBe(200);
    expect((await fetch(`${sandbox.endpoint}/_sandbox/calls`)).status).toBe(200);
  });

  it("hangs a call until the client gives up", async () => {
    sandbox.setRealism({ faults: { hangRate: 1 } });
    const controller = new AbortController();
    const pending = listPoolsUnchecked(sandbox.endpoint, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow();
  });

  it("releases hung calls on close()", async () => {
    const own = await startSandbox({
      seed: "none",
      realism: { faults: { throttleRate: 0, errorRate: 0, hangRate: 1 } },
    });
    const pending = listPoolsUnchecked(own.endpoint);
    // Wait until the sandbox has taken the call, then close with it still open.
    while (own.calls().total === 0) await new Promise((r) => setTimeout(r, 5));
    await own.close();
    await expect(pending).rejects.toThrow();
  });
});

describe("/_sandbox/config", () => {
  it("patches at run time and answers the whole configuration", async () => {
    const response = await fetch(`${sandbox.endpoint}/_sandbox/config`, {
      method: "POST",
      body: JSON.stringify({ jitterMs: 5, quotas: { enabled: true } }),
    });
    expect(response.status).toBe(200);
    const config = (await response.json()) as {
      jitterMs: number;
      quotas: { enabled: boolean; userPoolReadRps: number };
    };
    expect(config.jitterMs).toBe(5);
    expect(config.quotas).toEqual({ enabled: true, userPoolReadRps: 15, userPoolUpdateRps: 15 });
  });

  it("refuses an invalid patch and says what is allowed", async () => {
    const response = await fetch(`${sandbox.endpoint}/_sandbox/config`, {
      method: "PUT",
      body: JSON.stringify({ faults: { errorRate: 2 }, speed: 1 }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toContain("unknown field 'speed'");
    expect(error).toContain("faults.errorRate must be a share from 0 to 1");
    expect(
      (
        (await (await fetch(`${sandbox.endpoint}/_sandbox/config`)).json()) as {
          faults: { errorRate: number };
        }
      ).faults.errorRate,
    ).toBe(0);
  });
});

describe("/_sandbox/calls", () => {
  it("counts AWS calls by service:Operation and resets on DELETE", async () => {
    await fetch(`${sandbox.endpoint}/_sandbox/calls`, { method: "DELETE" });
    await list();
    await list();
    await jsonCall(sandbox.endpoint, "us-east-1", "logs", "DescribeLogGroups", {});
    await fetch(`${sandbox.endpoint}/_sandbox/health`);
    expect(await (await fetch(`${sandbox.endpoint}/_sandbox/calls`)).json()).toEqual({
      total: 3,
      byOperation: { "cognito-idp:ListUserPools": 2, "logs:DescribeLogGroups": 1 },
    });
    await fetch(`${sandbox.endpoint}/_sandbox/calls`, { method: "DELETE" });
    expect(sandbox.calls()).toEqual({ total: 0, byOperation: {} });
  });
});
