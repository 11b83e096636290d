/**
 * Notifications by webhook (issue 19), over HTTP: the real app on the sandbox, and a receiver this
 * test starts (node:http) standing in for Slack or any JSON endpoint. Each receiver path answers
 * from its own script (e.g. 500 then 200), and every request it got is kept.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudWatchLogsClient, DeleteLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { WebhookPayloadSchema } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { createLogGroup, createPool, setLogDelivery } from "./helpers.ts";

const REGION = "us-east-1";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

let sandbox: RunningSandbox;
let t: TestApp;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
/** Path → the answers still to give, in order; when empty, 200 "ok" (Slack's answer). */
const scripts = new Map<string, Reply[]>();
const logLines: string[] = [];
const answers: string[] = [];
let admin: TestBrowser;
let viewer: TestBrowser;

async function signIn(who: { username: string; password: string }): Promise<TestBrowser> {
  const browser = new TestBrowser(t.baseUrl);
  const answer = await browser.request("POST", "/api/session", {
    body: { username: who.username, password: who.password },
  });
  expect(answer.status).toBe(200);
  browser.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
  return browser;
}

/** An admin's call, its answer kept for the secret checks. */
async function call(method: string, path: string, body?: unknown) {
  const answer = await admin.request(method, path, body === undefined ? {} : { body });
  answers.push(`${method} ${path} → ${answer.status}\n${[...answer.headers].join("\n")}\n${answer.text}`);
  return answer;
}

async function addWebhook(name: string, path: string, format: "generic" | "slack", events: string[] = []) {
  const answer = await call("POST", "/api/notifications/webhooks", {
    name,
    url: `${receiverUrl}${path}`,
    format,
    events,
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.body as { id: string; display: string; origin: string };
}

type Attempt = {
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  retryInMs: number | null;
};

/** Polls the attempts until `count` are recorded (the retries run in the background). */
async function attemptsOf(id: string, count: number): Promise<Attempt[]> {
  for (let i = 0; i < 500; i++) {
    const answer = await call("GET", `/api/notifications/webhooks/${id}/attempts`);
    const items = (answer.body as { items: Attempt[] }).items;
    if (items.length >= count) return items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} attempts were recorded`);
}

function receivedAt(path: string): Received[] {
  return received.filter((r) => r.path === path);
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ path, headers: request.headers, body });
      const reply = scripts.get(path)?.shift() ?? { status: 200, body: "ok" };
      response.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
      response.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sandbox = await startSandbox({ seed: "none" });
  t = await startTestApp({
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { LOG_LEVEL: "trace", COGNITO_READ_RPS: "200" },
    logStream: { write: (line) => void logLines.push(line) },
  });
  await addOperator(t.stores, ADMIN);
  await addOperator(t.stores, VIEWER);
  admin = await signIn(ADMIN);
  viewer = await signIn(VIEWER);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await sandbox?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe("webhooks", () => {
  it("sends a generic JSON notification: the event, its id, a summary", async () => {
    const path = "/hooks/generic/0d5f-generic-secret-9a1c";
    const hook = await addWebhook("Ops JSON", path, "generic");
    const test = await call("POST", `/api/notifications/webhooks/${hook.id}/test`);
    expect(test.status, test.text).toBe(200);
    expect(test.body).toMatchObject({ attempt: { attempt: 1, statusCode: 200, ok: true, error: null } });
    const [got] = receivedAt(path);
    expect(got?.headers["content-type"]).toBe("application/json");
    const payload = WebhookPayloadSchema.parse(JSON.parse(got?.body ?? ""));
    expect(payload.id).toBe((test.body as { eventId: string }).eventId);
    expect(payload.event).toEqual({ type: "test", requestedBy: ADMIN.username });
    expect(payload.summary).toContain("this webhook works");
  });

  it("sends Slack's incoming-webhook message: text, and blocks of mrkdwn with markup escaped", async () => {
    const path = "/services/T0000TEST/B0000TEST/slacksecretXXXXXXXXXXXX";
    const hook = await addWebhook("Slack #ops", path, "slack");
    expect(hook.display).toBe(`${receiverUrl}/…XXXX`);
    const test = await call("POST", `/api/notifications/webhooks/${hook.id}/test`);
    expect(test.status).toBe(200);
    const message = JSON.parse(receivedAt(path)[0]?.body ?? "{}");
    expect(Object.keys(message).sort()).toEqual(["blocks", "text"]);
    expect(message.text).toContain("this webhook works");
    expect(message.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    expect(message.blocks[0].text.text).toContain("*Test notification");
    expect(message.blocks[1].type).toBe("context");
  });

  it("retries after a 500 and records both attempts", async () => {
    const path = "/hooks/flaky/secret-5000-then-ok-77";
    scripts.set(path, [{ status: 500, body: "try again later" }]);
    const hook = await addWebhook("Flaky", path, "generic");
    const test = await call("POST", `/api/notifications/webhooks/${hook.id}/test`);
    expect(test.body).toMatchObject({ attempt: { attempt: 1, statusCode: 500, ok: false } });
    expect((test.body as { attempt: Attempt }).attempt.retryInMs).not.toBeNull();
    const [second, first] = await attemptsOf(hook.id, 2);
    expect(first).toMatchObject({
      attempt: 1,
      statusCode: 500,
      ok: false,
      error: "The receiver answered HTTP 500: try again later",
    });
    expect(second).toMatchObject({ attempt: 2, statusCode: 200, ok: true, error: null, retryInMs: null });
    // The same event twice: a receiver can drop the duplicate by its id.
    const ids = receivedAt(path).map((r) => JSON.parse(r.body).id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it("waits as long as a 429's Retry-After says before trying again", async () => {
    const path = "/hooks/throttled/secret-429-retry-after-88";
    scripts.set(path, [{ status: 429, headers: { "retry-after": "1" }, body: "rate_limited" }]);
    const hook = await addWebhook("Throttled", path, "slack");
    await call("POST", `/api/notifications/webhooks/${hook.id}/test`);
    const [second, first] = await attemptsOf(hook.id, 2);
    // The sandbox's own backoff starts at 50 ms: 1,000 ms is the receiver's Retry-After.
    expect(first).toMatchObject({ attempt: 1, statusCode: 429, retryInMs: 1000 });
    expect(second).toMatchObject({ attempt: 2, statusCode: 200, ok: true });
  });

  it("does not retry a 4xx other than 408/425/429, and keeps the receiver's words without the secret", async () => {
    const path = "/hooks/gone/secret-410-archived-channel";
    scripts.set(path, [
      { status: 410, body: `channel_is_archived (POST ${"/hooks/gone/secret-410-archived-channel"})` },
    ]);
    const hook = await addWebhook("Archived", path, "slack");
    const test = await call("POST", `/api/notifications/webhooks/${hook.id}/test`);
    expect(test.body).toMatchObject({
      attempt: {
        statusCode: 410,
        ok: false,
        retryInMs: null,
        error: "The receiver answered HTTP 410: channel_is_archived (POST /…)",
      },
    });
    expect(receivedAt(path)).toHaveLength(1);
  });

  it("refuses addresses that are not https or point at link-local and metadata addresses", async () => {
    const refused = [
      ["https://169.254.169.254/latest/meta-data/iam", "link-local, metadata or reserved"],
      ["https://[::ffff:169.254.169.254]/x", "link-local, metadata or reserved"],
      ["https://[fd00:ec2::254]/latest", "link-local, metadata or reserved"],
      ["https://metadata.google.internal/computeMetadata/v1/", "instance metadata"],
      ["http://hooks.example.com/services/T/B/secret", "https only"],
      ["https://user:pw@hooks.example.com/x", "no user name or password"],
      ["not a url", "not a web address"],
    ] as const;
    for (const [url, says] of refused) {
      const answer = await call("POST", "/api/notifications/webhooks", {
        name: "x",
        url,
        format: "generic",
        events: [],
      });
      expect(answer.status, url).toBe(400);
      expect(answer.text, url).toContain(says);
      // The refusal never repeats the address's secret part.
      expect(answer.text).not.toContain("/latest/meta-data/iam");
    }
    const list = await call("GET", "/api/notifications/webhooks");
    expect((list.body as { items: Array<{ name: string }> }).items.map((w) => w.name)).not.toContain("x");
  });

  it("lets only admins see or change webhooks, and audits every change", async () => {
    expect((await viewer.request("GET", "/api/notifications/webhooks")).status).toBe(403);
    const hook = await addWebhook("To remove", "/hooks/remove/secret-remove-me-0000", "generic", [
      "pool.drift",
    ]);
    const changed = await call("PATCH", `/api/notifications/webhooks/${hook.id}`, {
      events: ["batch.finished", "pool.blocking"],
    });
    expect(changed.body).toMatchObject({ events: ["batch.finished", "pool.blocking"] });
    expect((await call("DELETE", `/api/notifications/webhooks/${hook.id}`)).status).toBe(204);
    expect((await call("DELETE", `/api/notifications/webhooks/${hook.id}`)).status).toBe(404);
    const audit = await call("GET", `/api/audit?action=webhook.update`);
    const records = (
      audit.body as { items: Array<{ outcome: string; resource: string; before: unknown; after: unknown }> }
    ).items;
    expect(records.map((r) => r.outcome)).toEqual(["success", "attempt"]);
    expect(records[0]).toMatchObject({
      resource: `webhook:${hook.id}`,
      before: { events: ["pool.drift"] },
      after: { events: ["batch.finished", "pool.blocking"] },
    });
    const removed = await call("GET", `/api/audit?action=webhook.remove`);
    expect((removed.body as { items: unknown[] }).items).toHaveLength(2);
  });

  it("notifies once when a pool turns blocking, not at every read", async () => {
    const path = "/hooks/blocking/secret-blocking-watch-42";
    const hook = await addWebhook("Blocking", path, "generic", ["pool.blocking"]);
    const pool = await createPool(sandbox, REGION, "turns-blocking");
    const name = "/aws/vendedlogs/cognito/turns-blocking";
    const logGroupArn = await createLogGroup(sandbox, REGION, name);
    await setLogDelivery(sandbox, REGION, pool, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: logGroupArn },
      },
    ]);
    const readFleet = async () => {
      expect((await call("POST", "/api/fleet/refresh")).status).toBe(202);
      for (let i = 0; i < 1500; i++) {
        if (((await call("GET", "/api/fleet/status")).body as { state: string }).state === "ready") return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error("the fleet read did not finish");
    };
    const worstFinding = async () => {
      const rows = (await call("GET", "/api/pools?q=turns-blocking")).body as {
        items: Array<{ id: string; findings: { worst: string | null } }>;
      };
      return rows.items.find((row) => row.id === pool)?.findings.worst;
    };
    // The delivery policy AWS would have added while setting delivery up, so the pool starts clear.
    const fixed = await call("POST", `/api/pools/${pool}/fixes`, {
      action: "add-log-group-policy",
      target: logGroupArn,
    });
    expect(fixed.status, fixed.text).toBe(200);
    await readFleet();
    expect(await worstFinding()).not.toBe("block");

    const logs = new CloudWatchLogsClient({
      region: REGION,
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" },
    });
    await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
    logs.destroy();
    await readFleet();
    expect(await worstFinding()).toBe("block");
    // Read again, twice, and the pool's page too: the pool is still blocking, which is no news.
    await readFleet();
    await readFleet();
    await call("GET", `/api/pools/${pool}`);

    // Closing the app waits for every state change and delivery under way.
    await t.app.close();
    const notified = receivedAt(path).map((r) => WebhookPayloadSchema.parse(JSON.parse(r.body)));
    expect(notified.map((n) => n.event.type)).toEqual(["pool.blocking"]);
    expect(notified[0]?.event).toMatchObject({
      type: "pool.blocking",
      pool: { id: pool, region: REGION, name: "turns-blocking" },
      findings: [{ id: "destination-not-found" }],
    });
    expect(hook.id).toBeTruthy();
  });

  it("never answers or logs a webhook's secret (the path of its address)", () => {
    const secrets = [...new Set(received.map((r) => r.path))].map((p) => p.split("/").at(-1) ?? p);
    expect(secrets.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(answers.filter((a) => a.includes(secret))).toEqual([]);
      expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
    }
    expect(logLines.join("")).toContain("/api/notifications/webhooks");
  });
});
