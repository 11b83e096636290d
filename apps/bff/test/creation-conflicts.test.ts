/**
 * Guided creation never takes over what it did not make (issue 11 §4), never shows or records a
 * credential carried in an endpoint URL, never keeps the access key past its run (issue 20), and
 * keeps its runs across a restart. Real app, real sandbox, over HTTP.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListTagsForDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import type { CreationRun } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import { addOperator, TestBrowser, VIEWER } from "./auth-support.ts";
import {
  REGION,
  startCreationStack,
  stepStatuses,
  storeAsCutOff,
  useCreationStack,
} from "./creation-support.ts";
import { firehoseInput, httpTarget } from "./fixtures/creation-inputs.ts";

const env = useCreationStack("collisions");
const ACCOUNT = "123456789012";

beforeAll(async () => {
  await addOperator(env.stack.testApp.stores, VIEWER);
});

const httpInput = (streamName: string, url: string, backupBucket: string, accessKey?: string) =>
  firehoseInput(env.poolId, streamName, httpTarget("generic", url, backupBucket, accessKey));

/** Starts the planned run: it must be refused as a plan conflict, having written nothing to AWS. */
async function expectRefusedWritingNothing(input: unknown, planToken: string | null) {
  env.stack.sandbox.resetCalls();
  const started = await env.stack.admin.request("POST", "/api/destinations/runs", {
    body: { input, planToken },
  });
  expect(started.status, started.text).toBe(409);
  expect((started.body as { type: string }).type).toBe("urn:clc:problem:plan-conflict");
  const writes = Object.keys(env.stack.sandbox.calls().byOperation).filter(
    (op) => !/:(Head|Get|Describe|List)/.test(op),
  );
  expect(writes).toEqual([]);
}

/** A log group the console did not create, with its own retention. */
async function someoneElsesLogGroup(name: string, retentionInDays: number): Promise<string> {
  await env.stack.aws.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  await env.stack.aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays }));
  return name;
}

async function streamFacts(name: string) {
  const described = await env.stack.aws.firehose.send(
    new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }),
  );
  const tags = await env.stack.aws.firehose.send(
    new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: name }),
  );
  return { destinations: described.DeliveryStreamDescription?.Destinations, tags: tags.Tags };
}

describe("a planned name that something else already has", () => {
  it("an HTTPS stream named like an existing S3 stream is a conflict in the plan, and the other stream is left untouched", async () => {
    await env.stack.aws.s3.send(
      new CreateBucketCommand({
        Bucket: "someone-elses-archive",
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
    await env.stack.aws.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "orders-stream",
        DeliveryStreamType: "DirectPut",
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${ACCOUNT}:role/someone-elses-role`,
          BucketARN: "arn:aws:s3:::someone-elses-archive",
        },
        Tags: [{ Key: "team", Value: "orders" }],
      }),
    );
    const before = await streamFacts("orders-stream");
    const input = httpInput(
      "orders-stream",
      "https://logs.example.com/ingest",
      "orders-stream-failed",
      "key-1",
    );

    const plan = await env.stack.plan(input);
    const check = plan.existing.find((c) => c.type === "stream");
    expect(check).toMatchObject({ name: "orders-stream", state: "conflict" });
    expect(check?.differences.join(" ")).toContain("s3://someone-elses-archive");
    expect(check?.differences.join(" ")).toContain("LogDeliveryEnabled");

    // Nothing was written: no bucket, no role, no tag, no stream.
    await expectRefusedWritingNothing(input, plan.token);
    expect(await streamFacts("orders-stream")).toEqual(before);
    const audit = await env.stack.testApp.stores.audit.list({ action: "destination.create" }, { limit: 100 });
    expect(audit.items.filter((r) => r.resource?.endsWith("/orders-stream"))).toEqual([]);
  });

  it("reuses an existing stream only when it is exactly the planned one, and the audit says reused", async () => {
    const input = httpInput("exact-stream", "https://logs.example.com/exact", "exact-stream-failed", "key-2");
    const first = await env.stack.run(input);
    expect(first.status, JSON.stringify(first.steps)).toBe("succeeded");
    const plan = await env.stack.plan({ ...input, tags: { second: "yes" } });
    expect(plan.existing.find((c) => c.type === "stream")).toMatchObject({ state: "reuse" });
    const second = await env.stack.run({ ...input, tags: { second: "yes" } });
    expect(second.id).not.toBe(first.id);
    expect(second.status, JSON.stringify(second.steps)).toBe("succeeded");
    expect(stepStatuses(second)).toMatchObject({ "create-bucket": "skipped", "create-stream": "skipped" });
    const audit = await env.stack.testApp.stores.audit.list({ action: "destination.create" }, { limit: 100 });
    const success = audit.items.find(
      (r) => r.outcome === "success" && (r.after as { runId?: string } | null)?.runId === second.id,
    );
    expect(success).toBeDefined();
    const after = (success?.after ?? {}) as { reused?: Array<{ type: string; name: string }> };
    expect(after.reused).toContainEqual(expect.objectContaining({ type: "stream", name: "exact-stream" }));
  });

  it("an existing role is a change the user confirms: without the plan's token the run is refused", async () => {
    // The run above made role clc-firehose-exact-stream; a new stream with that role reuses it.
    const input = {
      ...httpInput("confirm-stream", "https://logs.example.com/confirm", "confirm-stream-failed"),
      roleName: "clc-firehose-exact-stream",
    };
    const plan = await env.stack.plan(input);
    expect(plan.changesToExisting).toEqual([expect.stringContaining("clc-firehose-exact-stream")]);
    const unconfirmed = await env.stack.admin.request("POST", "/api/destinations/runs", { body: { input } });
    expect(unconfirmed.status, unconfirmed.text).toBe(409);
    expect((unconfirmed.body as { type: string }).type).toBe("urn:clc:problem:plan-confirmation-required");
    const stale = await env.stack.admin.request("POST", "/api/destinations/runs", {
      body: { input, planToken: "not-the-token" },
    });
    expect((stale.body as { type: string }).type).toBe("urn:clc:problem:plan-changed");
    const run = await env.stack.run(input);
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
  });
});

describe("an existing log group under the planned name", () => {
  const logGroupInput = (name: string, retentionInDays: number | null) => ({
    kind: "logGroup",
    poolId: env.poolId,
    eventSource: "userNotification",
    logGroupName: name,
    retentionInDays,
  });
  const arnOf = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;

  it("with another retention is a conflict in the plan that says so, and is left untouched", async () => {
    const name = await someoneElsesLogGroup("/app/someone-elses-short-lived", 3);
    const input = logGroupInput(name, 14);

    const plan = await env.stack.plan(input);
    const check = plan.existing.find((c) => c.type === "logGroup");
    expect(check).toMatchObject({ name, state: "conflict" });
    expect(check?.differences.join(" ")).toMatch(/kept 3 days.*kept 14 days/);

    await expectRefusedWritingNothing(input, plan.token);
    const groups = await env.stack.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(groups.logGroups?.map((g) => g.retentionInDays)).toEqual([3]);
  });

  it("with the planned retention is reused, but the policy it adds to that log group is a change the user confirms", async () => {
    const name = await someoneElsesLogGroup("/app/someone-elses-same-retention", 14);
    const input = logGroupInput(name, 14);

    const plan = await env.stack.plan(input);
    expect(plan.existing.find((c) => c.type === "logGroup")).toMatchObject({ state: "reuse" });
    expect(plan.changesToExisting).toEqual([expect.stringContaining(`existing log group ${name}`)]);
    const unconfirmed = await env.stack.admin.request("POST", "/api/destinations/runs", { body: { input } });
    expect(unconfirmed.status, unconfirmed.text).toBe(409);
    expect((unconfirmed.body as { type: string }).type).toBe("urn:clc:problem:plan-confirmation-required");
    const own = await env.stack.aws.logs.send(
      new DescribeResourcePoliciesCommand({ resourceArn: arnOf(name), policyScope: "RESOURCE" }),
    );
    expect(own.resourcePolicies ?? []).toEqual([]);

    const run = await env.stack.run(input);
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toMatchObject({ "create-log-group": "skipped", "set-retention": "skipped" });
  });
});

describe("secrets", () => {
  it("masks credentials of an endpoint URL in plans, run snapshots, the run list and the audit trail", async () => {
    const url = "https://ingest-user:hunter2-password@logs.example.com/hook?token=query-secret-123&region=eu";
    const input = httpInput("masked-stream", url, "masked-stream-failed", "access-key-secret-456");
    const plan = await env.stack.plan(input);
    expect(JSON.stringify(plan)).not.toMatch(/hunter2|query-secret|ingest-user/);
    const run = await env.stack.run(input);
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    // AWS got the URL as typed.
    const facts = await streamFacts("masked-stream");
    expect(facts.destinations?.[0]?.HttpEndpointDestinationDescription?.EndpointConfiguration?.Url).toBe(url);

    const viewer = new TestBrowser(env.stack.testApp.baseUrl);
    expect((await viewer.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);
    const seen = await viewer.request("GET", `/api/destinations/runs/${run.id}`);
    expect(seen.status).toBe(200);
    const shown = (seen.body as { run: CreationRun }).run;
    expect(shown.input.target).toMatchObject({
      url: "https://********:********@logs.example.com/hook?token=********&region=********",
      accessKeySet: true,
      accessKeyHeld: false,
    });
    const list = await viewer.request("GET", "/api/destinations/runs");
    const audit = await env.stack.testApp.stores.audit.list({}, { limit: 500 });
    for (const text of [seen.text, list.text, JSON.stringify(audit.items)]) {
      expect(text).not.toMatch(/hunter2|query-secret|ingest-user|access-key-secret/);
    }
  });
});

describe("runs are kept", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("a run survives a restart of the BFF: it is listed, shown, and can be cleaned up", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clc-runs-"));
    const first = await startCreationStack({ sandbox, stores: createSqliteStores(databasePath(dataDir)) });
    let runId: string;
    let pool: string;
    try {
      pool = await first.createPool("restart");
      const run = await first.run({
        kind: "logGroup",
        poolId: pool,
        eventSource: "userNotification",
        logGroupName: "/aws/vendedlogs/cognito/restart/userNotification",
      });
      expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
      runId = run.id;
    } finally {
      await first.close();
    }

    const second = await startCreationStack({ sandbox, stores: createSqliteStores(databasePath(dataDir)) });
    try {
      const shown = await second.admin.request("GET", `/api/destinations/runs/${runId}`);
      expect(shown.status, shown.text).toBe(200);
      const run = (shown.body as { run: CreationRun }).run;
      expect(run).toMatchObject({ id: runId, status: "succeeded", poolId: pool });
      expect(stepStatuses(run)).toEqual({
        "create-log-group": "done",
        "set-retention": "done",
        "log-group-policy": expect.stringMatching(/done|skipped/),
      });
      const list = await second.admin.request("GET", "/api/destinations/runs");
      expect((list.body as { runs: Array<{ id: string }> }).runs.map((r) => r.id)).toContain(runId);
      const cleanup = await second.admin.request("POST", `/api/destinations/runs/${runId}/cleanup`);
      expect(cleanup.status, cleanup.text).toBe(200);
      expect((cleanup.body as { run: CreationRun }).run.status).toBe("cleaned");
    } finally {
      await second.close();
    }
  });

  it("a run cut off by a restart comes back failed at the step it was in, and runs again reusing what it made", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clc-runs-"));
    const first = await startCreationStack({ sandbox, stores: createSqliteStores(databasePath(dataDir)) });
    const input = {
      kind: "logGroup",
      poolId: "",
      eventSource: "userNotification",
      logGroupName: "/aws/vendedlogs/cognito/cut-off/userNotification",
    };
    let runId: string;
    try {
      input.poolId = await first.createPool("cut-off");
      const run = await first.run(input);
      expect(run.status).toBe("succeeded");
      runId = run.id;
      await storeAsCutOff(first.testApp.stores.creationRuns, runId);
    } finally {
      await first.close();
    }

    const second = await startCreationStack({ sandbox, stores: createSqliteStores(databasePath(dataDir)) });
    try {
      const shown = await second.admin.request("GET", `/api/destinations/runs/${runId}`);
      const run = (shown.body as { run: CreationRun }).run;
      expect(run.status).toBe("failed");
      expect(run.steps[1]).toMatchObject({ status: "failed", error: { code: "Interrupted" } });
      const resumed = await second.run(input, runId);
      expect(resumed.id).toBe(runId);
      expect(resumed.status, JSON.stringify(resumed.steps)).toBe("succeeded");
      expect(resumed.steps[0]).toMatchObject({
        status: "done",
        message: expect.stringContaining("earlier attempt"),
      });
    } finally {
      await second.close();
    }
  });
});
