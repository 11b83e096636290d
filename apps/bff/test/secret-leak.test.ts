/**
 * No AWS credential, session id, CSRF token, Firehose endpoint access key or password may appear in
 * an API answer, a log line (the production logger, with its redaction, at trace level) or the
 * built web bundle. To cover a new secret, add it to SECRETS and drive the feature that handles it
 * in `driveTheApi`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../src/aws/clients.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { createLogGroup, createPool } from "./helpers.ts";

const REGION = "us-east-1";
// OpenObserve keys are base64 of user:passcode (checked since issue 12 §5); this one is leakcheck@example.com:fh-endpoint-key-7f3a9c2e.
const FIREHOSE_ACCESS_KEY = "bGVha2NoZWNrQGV4YW1wbGUuY29tOmZoLWVuZHBvaW50LWtleS03ZjNhOWMyZQ==";
const ENV_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "leak-check-access-key-42",
  AWS_SECRET_ACCESS_KEY: "leakcheck/secret/access/key/do-not-print-0042",
  AWS_SESSION_TOKEN: "leakcheck-session-token-do-not-print-0042",
};

/** name → value that must never be seen. Extend me. */
const SECRETS: Record<string, string> = {
  "AWS access key id the BFF signs with": SANDBOX_CREDENTIALS.accessKeyId,
  "AWS secret access key the BFF signs with": SANDBOX_CREDENTIALS.secretAccessKey,
  "AWS session token the BFF signs with": SANDBOX_CREDENTIALS.sessionToken,
  "AWS_ACCESS_KEY_ID from the environment": ENV_CREDENTIALS.AWS_ACCESS_KEY_ID,
  "AWS_SECRET_ACCESS_KEY from the environment": ENV_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
  "AWS_SESSION_TOKEN from the environment": ENV_CREDENTIALS.AWS_SESSION_TOKEN,
  "Firehose HTTP endpoint access key": FIREHOSE_ACCESS_KEY,
  "an operator's password": ADMIN.password,
  "a wrong password typed at sign-in": "wrong-password-LEAKCHECK-1234",
  "a webhook address's secret path": "/services/T0LEAK/B0LEAK/webhookLeakCheck7f3a9c2e",
};

const WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

let sandbox: RunningSandbox;
let t: TestApp;
const logLines: string[] = [];
const answers: Array<{ what: string; headers: string; body: string }> = [];
const sessionSecrets: Record<string, string> = {};
const savedEnv: Record<string, string | undefined> = {};

async function record(browser: TestBrowser, method: string, url: string, body?: unknown, headers = {}) {
  const answer = await browser.request(method, url, { ...(body === undefined ? {} : { body }), headers });
  const headerLines = [...answer.headers]
    .filter(([name]) => name !== "set-cookie")
    .map(([n, v]) => `${n}: ${v}`);
  answers.push({
    what: `${method} ${url} → ${answer.status}`,
    headers: headerLines.join("\n"),
    body: answer.text,
  });
  return answer;
}

async function driveTheApi(): Promise<void> {
  const admin = new TestBrowser(t.baseUrl);
  await record(admin, "POST", "/api/session", {
    username: ADMIN.username,
    password: SECRETS["a wrong password typed at sign-in"],
  });
  await record(admin, "POST", "/api/session", { username: "nobody", password: ADMIN.password });
  const signedIn = await record(admin, "POST", "/api/session", {
    username: ADMIN.username,
    password: ADMIN.password,
  });
  expect(signedIn.status).toBe(200);
  admin.csrfToken = (signedIn.body as { csrfToken: string }).csrfToken;
  sessionSecrets["admin session id"] = admin.cookies.get("clc_session") ?? "missing";
  await record(admin, "GET", "/api/session");

  const pool = await createPool(sandbox, REGION, "leak-check");
  const logGroupArn = await createLogGroup(
    sandbox,
    REGION,
    "/aws/vendedlogs/cognito/leak-check/notifications",
  );
  await record(admin, "GET", "/api/regions");
  await record(admin, "GET", "/api/pools");
  const detail = await record(admin, "GET", `/api/pools/${pool}`);
  const destination = { kind: "logGroup", arn: logGroupArn };
  await record(admin, "POST", `/api/pools/${pool}/log-delivery/userNotification/preview`, { destination });
  const applied = await record(
    admin,
    "PUT",
    `/api/pools/${pool}/log-delivery/userNotification`,
    { destination },
    { "if-match": (detail.body as { version?: string }).version ?? "" },
  );
  expect(applied.status).toBe(200);

  // A Firehose stream to an HTTP endpoint with an access key, then a malformed one carrying the key.
  const target = {
    type: "http",
    preset: "openobserve",
    url: "https://o2.example.com/aws/default/cognito/_kinesis_firehose",
    accessKey: FIREHOSE_ACCESS_KEY,
    backupBucket: { mode: "create", name: "leak-check-failed-records" },
  };
  const input = {
    kind: "firehose",
    poolId: pool,
    eventSource: "userAuthEvents",
    streamName: "leak-check",
    target,
  };
  const started = await record(admin, "POST", "/api/destinations/runs", { input });
  const runId = (started.body as { run?: { id: string } } | null)?.run?.id;
  for (let i = 0; runId && i < 300; i++) {
    const polled = await record(admin, "GET", `/api/destinations/runs/${runId}`);
    if ((polled.body as { run?: { status: string } }).run?.status !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await record(admin, "POST", "/api/destinations/runs", {
    input: { ...input, target: { ...target, url: "ftp://x" } },
  });
  await record(
    admin,
    "POST",
    "/api/destinations/runs",
    `{"input":{"target":{"accessKey":"${FIREHOSE_ACCESS_KEY}"`,
    {
      "content-type": "application/json",
    },
  );

  // A webhook: added (its address then never answered again), listed, tested (the receiver is
  // the sandbox, which answers the unknown path with an error page), its attempts read; and an
  // address refused for its scheme.
  const webhookUrl = `${sandbox.endpoint}${SECRETS["a webhook address's secret path"]}`;
  const webhook = await record(admin, "POST", "/api/notifications/webhooks", {
    name: "leak check",
    url: webhookUrl,
    format: "slack",
    events: ["pool.blocking"],
  });
  expect(webhook.status).toBe(201);
  const webhookId = (webhook.body as { id: string }).id;
  await record(admin, "GET", "/api/notifications/webhooks");
  await record(admin, "POST", `/api/notifications/webhooks/${webhookId}/test`);
  await record(admin, "GET", `/api/notifications/webhooks/${webhookId}/attempts`);
  await record(admin, "POST", "/api/notifications/webhooks", {
    name: "refused",
    url: webhookUrl.replace(/^http:/, "ftp:"),
    format: "generic",
    events: [],
  });
  await record(admin, "GET", "/api/audit");
  await record(admin, "GET", "/api/audit/export?format=json");
  await record(admin, "GET", "/api/audit/export?format=csv");
  await record(admin, "GET", "/api/openapi.json");
  await record(admin, "GET", "/api/no-such-route");

  const viewer = new TestBrowser(t.baseUrl);
  const viewerIn = await record(viewer, "POST", "/api/session", {
    username: VIEWER.username,
    password: VIEWER.password,
  });
  viewer.csrfToken = (viewerIn.body as { csrfToken: string }).csrfToken;
  sessionSecrets["viewer session id"] = viewer.cookies.get("clc_session") ?? "missing";
  await record(viewer, "PUT", `/api/pools/${pool}/log-delivery/userNotification`, { destination });
  await record(admin, "DELETE", "/api/session");
  sessionSecrets["admin CSRF token"] = admin.csrfToken ?? "missing";
  sessionSecrets["viewer CSRF token"] = viewer.csrfToken ?? "missing";
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(ENV_CREDENTIALS)) {
    savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
  sandbox = await startSandbox({ seed: "demo" });
  t = await startTestApp({
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { LOG_LEVEL: "trace", COGNITO_READ_RPS: "200" },
    logStream: { write: (line) => void logLines.push(line) },
  });
  await addOperator(t.stores, ADMIN);
  await addOperator(t.stores, VIEWER);
  await driveTheApi();
}, 60_000);

afterAll(async () => {
  await t?.close();
  await sandbox?.close();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function leaksIn(texts: string[], secrets: Record<string, string>): string[] {
  return Object.entries(secrets).flatMap(([name, value]) =>
    texts.some((text) => text.includes(value)) ? [name] : [],
  );
}

describe("secrets", () => {
  it("were actually exercised: the log is rich and the session secrets were captured", () => {
    expect(logLines.length).toBeGreaterThan(answers.length);
    expect(logLines.join("")).toContain('"url":"/api/session"');
    for (const value of Object.values(sessionSecrets)) expect(value).not.toBe("missing");
    // The Firehose stream really was created with the key (so the key went through the code).
    expect(answers.some((a) => a.what.startsWith("POST /api/destinations/runs → 202"))).toBe(true);
  });

  it("never appear in an API answer (headers or body)", () => {
    const texts = answers.flatMap((a) => [a.headers, a.body]);
    expect(leaksIn(texts, SECRETS)).toEqual([]);
    // Session ids travel only in Set-Cookie (excluded above); CSRF tokens only in the session answers.
    expect(
      leaksIn(texts, {
        admin: sessionSecrets["admin session id"] ?? "",
        viewer: sessionSecrets["viewer session id"] ?? "",
      }),
    ).toEqual([]);
  });

  it("never appear in a log line", () => {
    expect(leaksIn(logLines, { ...SECRETS, ...sessionSecrets })).toEqual([]);
  });

  it.skipIf(!existsSync(WEB_DIST))("never appear in the built web bundle", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else files.push(file);
      }
    };
    walk(WEB_DIST);
    expect(files.length).toBeGreaterThan(0);
    const texts = files.map((file) => readFileSync(file, "utf8"));
    expect(leaksIn(texts, SECRETS)).toEqual([]);
    const awsKeyShaped = files.filter((_, i) => /\b(AKIA|ASIA)[0-9A-Z]{16}\b/.test(texts[i] ?? ""));
    expect(awsKeyShaped).toEqual([]);
  });
});
