import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteResourcePolicyCommand,
  DescribeLogGroupsCommand,
  DescribeResourcePoliciesCommand,
  ListTagsForResourceCommand,
  PutResourcePolicyCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketPolicyCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import {
  type AuditRecord,
  bucketPolicyHasDelivery,
  type CreationPlan,
  policyCoversLogGroup,
} from "@clc/domain";
import { describe, expect, it } from "vitest";
import { addOperator, TestBrowser, VIEWER } from "./auth-support.ts";
import { problemErrors, REGION, stepStatuses, useCreationStack } from "./creation-support.ts";
import { putUnrelatedAccountPolicies } from "./fixtures/resource-policies.ts";

const env = useCreationStack("shop");
const account = "123456789012";

const logGroupInput = (name: string, extra: Record<string, unknown> = {}) => ({
  kind: "logGroup",
  poolId: env.poolId,
  eventSource: "userNotification",
  logGroupName: name,
  retentionInDays: 14,
  ...extra,
});

async function resourcePolicies() {
  const answer = await env.stack.aws.logs.send(new DescribeResourcePoliciesCommand({}));
  return answer.resourcePolicies ?? [];
}

/** The policy attached to a log group (log-group scope), or undefined. */
async function logGroupPolicy(logGroupArn: string) {
  const answer = await env.stack.aws.logs.send(
    new DescribeResourcePoliciesCommand({ resourceArn: logGroupArn, policyScope: "RESOURCE" }),
  );
  return answer.resourcePolicies?.[0];
}

async function auditRecords(): Promise<AuditRecord[]> {
  return (await env.stack.testApp.stores.audit.list({}, { limit: 200 })).items;
}

describe("plan", () => {
  it("lists the steps, calls and permissions without calling any write API", async () => {
    const answer = await env.stack.admin.request("POST", "/api/destinations/plan", {
      body: logGroupInput("/aws/vendedlogs/cognito/shop/userNotification"),
    });
    expect(answer.status, answer.text).toBe(200);
    const plan = (answer.body as { plan: CreationPlan }).plan;
    expect(plan.steps.map((s) => s.id)).toEqual(["create-log-group", "set-retention", "log-group-policy"]);
    expect(plan.destination.arn).toBe(
      `arn:aws:logs:${REGION}:${account}:log-group:/aws/vendedlogs/cognito/shop/userNotification`,
    );
    expect(plan.permissions).toContain("logs:PutResourcePolicy");
  });

  it("answers bad input with field errors and makes no AWS call", async () => {
    env.stack.sandbox.resetCalls();
    const answer = await env.stack.admin.request("POST", "/api/destinations/runs", {
      body: { input: logGroupInput("/aws/vendedlogs/bad#name", { retentionInDays: 10 }) },
    });
    expect(answer.status).toBe(400);
    expect(
      problemErrors(answer)
        .map((e) => e.path)
        .sort(),
    ).toEqual(["logGroupName", "retentionInDays"]);
    expect(env.stack.sandbox.calls().total).toBe(0);
  });

  it("keeps viewers from creating anything but lets them read a run", async () => {
    await addOperator(env.stack.testApp.stores, VIEWER);
    const viewer = new TestBrowser(env.stack.testApp.baseUrl);
    await viewer.signIn(VIEWER.username, VIEWER.password);
    const answer = await viewer.request("POST", "/api/destinations/runs", {
      body: { input: logGroupInput("/aws/vendedlogs/cognito/viewer") },
    });
    expect(answer.status).toBe(403);
    expect((await viewer.request("GET", "/api/destinations/runs/run_doesnotexist")).status).toBe(404);
  });
});

describe("log group", () => {
  it("creates a tagged log group with retention that log delivery may write to", async () => {
    const name = "/aws/vendedlogs/cognito/shop/userNotification";
    const run = await env.stack.run(logGroupInput(name, { tags: { team: "identity" } }));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toEqual({
      "create-log-group": "done",
      "set-retention": "done",
      "log-group-policy": "done",
    });
    const groups = await env.stack.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(groups.logGroups?.[0]).toMatchObject({ logGroupName: name, retentionInDays: 14 });
    expect(groups.logGroups?.[0]?.kmsKeyId).toBeUndefined();
    const tags = await env.stack.aws.logs.send(
      new ListTagsForResourceCommand({ resourceArn: run.destination.arn }),
    );
    expect(tags.tags).toEqual({
      team: "identity",
      "managed-by": "cognito-log-console",
      "cognito-user-pool": env.poolId,
    });
    // The grant is attached to the log group itself, as AWS does for new deliveries: no account slot used.
    const own = await logGroupPolicy(run.destination.arn);
    expect(own).toMatchObject({ policyScope: "RESOURCE", resourceArn: run.destination.arn });
    expect(policyCoversLogGroup(own?.policyDocument, run.destination.arn)).toBe(true);
    expect(await resourcePolicies()).toEqual([]);

    const records = await auditRecords();
    const attempt = records.find(
      (r) =>
        r.action === "destination.create" && r.outcome === "attempt" && r.resource === run.destination.arn,
    );
    expect(attempt?.operator).toBe("alice");
    expect(
      records.some(
        (r) => r.action === "destination.create" && r.outcome === "success" && r.attemptId === attempt?.id,
      ),
    ).toBe(true);

    // Same input again: the same run answers, nothing is created twice.
    env.stack.sandbox.resetCalls();
    const again = await env.stack.run(logGroupInput(name, { tags: { team: "identity" } }));
    expect(again.id).toBe(run.id);
    expect(env.stack.sandbox.calls().byOperation["logs:CreateLogGroup"] ?? 0).toBe(0);
  });

  it("merges into an existing account-level delivery policy when asked to, and cleanup restores it", async () => {
    const foreign = {
      Sid: "ExistingDelivery",
      Effect: "Allow",
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [`arn:aws:logs:${REGION}:${account}:log-group:/app/existing:log-stream:*`],
      Condition: {
        StringEquals: { "aws:SourceAccount": account },
        ArnLike: { "aws:SourceArn": `arn:aws:logs:${REGION}:${account}:*` },
      },
    };
    const unrelated = {
      Sid: "Route53",
      Effect: "Allow",
      Principal: { Service: "route53.amazonaws.com" },
      Action: "logs:PutLogEvents",
      Resource: "*",
    };
    const original = JSON.stringify({ Version: "2012-10-17", Statement: [foreign, unrelated] });
    await env.stack.aws.logs.send(
      new PutResourcePolicyCommand({ policyName: "AWSLogDeliveryWrite20150319", policyDocument: original }),
    );
    const name = "/app/merged";
    const run = await env.stack.run(logGroupInput(name, { resourcePolicyScope: "account" }));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    const merged = (await resourcePolicies()).find((p) => p.policyName === "AWSLogDeliveryWrite20150319");
    const document = JSON.parse(merged?.policyDocument ?? "{}");
    expect(JSON.stringify(document)).toContain("/app/existing");
    expect(document.Statement).toContainEqual(unrelated);
    expect(policyCoversLogGroup(merged?.policyDocument, run.destination.arn)).toBe(true);

    const cleanup = await env.stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
    expect(cleanup.status, cleanup.text).toBe(200);
    const cleaned = (
      cleanup.body as { run: { status: string; steps: Array<{ id: string; cleanup: string }> } }
    ).run;
    expect(cleaned.status).toBe("cleaned");
    const restored = (await resourcePolicies()).find((p) => p.policyName === "AWSLogDeliveryWrite20150319");
    expect(JSON.parse(restored?.policyDocument ?? "{}")).toEqual(JSON.parse(original));
    const groups = await env.stack.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(groups.logGroups ?? []).toEqual([]);
    const records = await auditRecords();
    expect(records.some((r) => r.action === "destination.cleanup" && r.outcome === "success")).toBe(true);
  });

  it("stops at a failed step, reports what it made, and resumes reusing it", async () => {
    // A pool in a region of its own, whose 10 resource-policy slots are all taken by policies that
    // have nothing to do with log delivery: the policy step must fail there.
    const east = {
      region: "us-east-1",
      endpoint: env.stack.sandbox.endpoint,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    };
    const eastCognito = new CognitoIdentityProviderClient(east);
    const eastLogs = new CloudWatchLogsClient(east);
    const eastPool =
      (await eastCognito.send(new CreateUserPoolCommand({ PoolName: "east" }))).UserPool?.Id ?? "";
    const filler = Array.from({ length: 10 }, (_, i) => `filler-${i}`);
    const big = "x".repeat(4000);
    await putUnrelatedAccountPolicies(
      eastLogs,
      filler,
      () => `arn:aws:logs:us-east-1:${account}:log-group:/${big}`,
    );
    const name = "/app/resumed";
    // Asked for an account-level slot: with the 10 taken, the step fails until one is freed.
    const input = { ...logGroupInput(name, { resourcePolicyScope: "account" }), poolId: eastPool };
    env.stack.sandbox.resetCalls();
    const failed = await env.stack.run(input);
    expect(failed.status).toBe("failed");
    expect(stepStatuses(failed)).toEqual({
      "create-log-group": "done",
      "set-retention": "done",
      "log-group-policy": "failed",
    });
    const failedStep = failed.steps.find((s) => s.id === "log-group-policy");
    expect(failedStep?.error?.message).toContain("10");
    expect(failed.steps.find((s) => s.id === "create-log-group")?.createdByRun).toBe(true);

    const firstFiller = filler[0];
    if (!firstFiller) throw new Error("expected at least one filler policy");
    await eastLogs.send(new DeleteResourcePolicyCommand({ policyName: firstFiller }));
    const resumed = await env.stack.run(input, failed.id);
    expect(resumed.id).toBe(failed.id);
    expect(resumed.status, JSON.stringify(resumed.steps)).toBe("succeeded");
    expect(resumed.attempts).toBe(2);
    expect(resumed.steps.find((s) => s.id === "create-log-group")?.message).toContain("earlier attempt");
    expect(env.stack.sandbox.calls().byOperation["logs:CreateLogGroup"]).toBe(1);

    // Tidy up for the other tests: cleanup takes back this run's policy and group.
    expect(
      (await env.stack.admin.request("POST", `/api/destinations/runs/${resumed.id}/cleanup`)).status,
    ).toBe(200);
    const left = (await eastLogs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies ?? [];
    expect(left.map((p) => p.policyName).sort()).toEqual(filler.slice(1).sort());

    // By default the grant goes on the log group itself, so 10 taken slots stop nothing.
    await eastLogs.send(
      new PutResourcePolicyCommand({
        policyName: firstFiller,
        policyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      }),
    );
    const served = await env.stack.run({ ...logGroupInput("/app/full-slots"), poolId: eastPool });
    expect(served.status, JSON.stringify(served.steps)).toBe("succeeded");
    const own = (
      await eastLogs.send(
        new DescribeResourcePoliciesCommand({ resourceArn: served.destination.arn, policyScope: "RESOURCE" }),
      )
    ).resourcePolicies?.[0];
    expect(policyCoversLogGroup(own?.policyDocument, served.destination.arn)).toBe(true);
    expect((await eastLogs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies).toHaveLength(10);
    eastCognito.destroy();
    eastLogs.destroy();
  });

  it("merges into a log group's own policy without losing its statements, and cleanup restores it", async () => {
    const name = "/app/own-policy";
    await env.stack.aws.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    // The planned retention: a log group with another one is a conflict, not reused.
    await env.stack.aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 14 }));
    const arn = `arn:aws:logs:${REGION}:${account}:log-group:${name}`;
    const unrelated = {
      Sid: "Route53",
      Effect: "Allow",
      Principal: { Service: "route53.amazonaws.com" },
      Action: "logs:PutLogEvents",
      Resource: `${arn}:*`,
    };
    const original = JSON.stringify({ Version: "2012-10-17", Statement: [unrelated] });
    await env.stack.aws.logs.send(
      new PutResourcePolicyCommand({ resourceArn: arn, policyDocument: original }),
    );
    const run = await env.stack.run(logGroupInput(name));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    const merged = await logGroupPolicy(arn);
    expect(JSON.parse(merged?.policyDocument ?? "{}").Statement).toContainEqual(unrelated);
    expect(policyCoversLogGroup(merged?.policyDocument, arn)).toBe(true);

    const cleanup = await env.stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
    expect(cleanup.status, cleanup.text).toBe(200);
    expect(JSON.parse((await logGroupPolicy(arn))?.policyDocument ?? "{}")).toEqual(JSON.parse(original));
  });

  it("reuses a log group that already exists with the planned retention", async () => {
    const name = "/app/already-there";
    await env.stack.aws.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    await env.stack.aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 14 }));
    const run = await env.stack.run(logGroupInput(name));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toMatchObject({ "create-log-group": "skipped", "set-retention": "skipped" });
    const cleanup = await env.stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
    expect(cleanup.status).toBe(200);
    const groups = await env.stack.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual([name]);
  });
});

describe("S3 bucket", () => {
  const bucketInput = (name: string, extra: Record<string, unknown> = {}) => ({
    kind: "s3",
    poolId: env.poolId,
    eventSource: "userAuthEvents",
    bucket: { name, ...extra },
  });

  it("creates a private, tagged bucket in the pool's region with a delivery policy and expiry", async () => {
    const name = "cognito-logs-123456789012-shop";
    const availability = await env.stack.admin.request(
      "GET",
      `/api/destinations/bucket-availability?poolId=${env.poolId}&name=${name}`,
    );
    expect(availability.body).toMatchObject({ state: "free" });
    const run = await env.stack.run(bucketInput(name, { expirationDays: 90 }));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(run.destination).toEqual({ kind: "s3", arn: `arn:aws:s3:::${name}`, name });
    const head = await env.stack.aws.s3.send(new HeadBucketCommand({ Bucket: name }));
    expect(head.BucketRegion).toBe(REGION);
    const pab = await env.stack.aws.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }));
    expect(pab.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const lifecycle = await env.stack.aws.s3.send(
      new GetBucketLifecycleConfigurationCommand({ Bucket: name }),
    );
    expect(lifecycle.Rules?.[0]?.Expiration?.Days).toBe(90);
    const tags = await env.stack.aws.s3.send(new GetBucketTaggingCommand({ Bucket: name }));
    expect(tags.TagSet).toContainEqual({ Key: "managed-by", Value: "cognito-log-console" });
    const policy = await env.stack.aws.s3.send(new GetBucketPolicyCommand({ Bucket: name }));
    expect(bucketPolicyHasDelivery(policy.Policy, name, account)).toBe(true);
    const taken = await env.stack.admin.request(
      "GET",
      `/api/destinations/bucket-availability?poolId=${env.poolId}&name=${name}`,
    );
    expect(taken.body).toMatchObject({ state: "ours" });
  });

  it("merges into an existing bucket's policy, and cleanup takes back only its statements", async () => {
    const name = "existing-bucket-with-policy";
    await env.stack.aws.s3.send(
      new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: REGION } }),
    );
    const denyHttp = {
      Sid: "AnalyticsRead",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:role/analytics` },
      Action: "s3:GetObject",
      Resource: `arn:aws:s3:::${name}/*`,
    };
    const original = JSON.stringify({ Version: "2012-10-17", Statement: [denyHttp] });
    await env.stack.aws.s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: original }));

    const run = await env.stack.run(bucketInput(name));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toEqual({
      "create-bucket": "skipped",
      "block-public-access": "skipped",
      "bucket-policy": "done",
    });
    const merged = JSON.parse(
      (await env.stack.aws.s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy ?? "{}",
    );
    expect(merged.Statement).toContainEqual(denyHttp);
    expect(bucketPolicyHasDelivery(merged, name, account)).toBe(true);

    const cleanup = await env.stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
    expect(cleanup.status).toBe(200);
    const after = (await env.stack.aws.s3.send(new GetBucketPolicyCommand({ Bucket: name }))).Policy;
    expect(JSON.parse(after ?? "{}")).toEqual(JSON.parse(original));
    await expect(env.stack.aws.s3.send(new HeadBucketCommand({ Bucket: name }))).resolves.toBeTruthy();
  });

  it("refuses message-delivery errors to a bucket before any AWS call", async () => {
    const answer = await env.stack.admin.request("POST", "/api/destinations/plan", {
      body: { ...bucketInput("some-bucket"), eventSource: "userNotification" },
    });
    expect(answer.status).toBe(400);
    expect(problemErrors(answer)[0]?.path).toBe("eventSource");
  });
});

describe("runs", () => {
  it("joins a double submit to one run and refuses to rerun a finished run with other input", async () => {
    const input = logGroupInput("/aws/vendedlogs/cognito/shop/double-submit");
    const [a, b] = await Promise.all([
      env.stack.admin.request("POST", "/api/destinations/runs", { body: { input } }),
      env.stack.admin.request("POST", "/api/destinations/runs", { body: { input } }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const id = (a.body as { run: { id: string } }).run.id;
    expect((b.body as { run: { id: string } }).run.id).toBe(id);
    const finished = await env.stack.run(input);
    expect(finished.status).toBe("succeeded");
    const other = await env.stack.admin.request("POST", "/api/destinations/runs", {
      body: { input: { ...input, retentionInDays: 90 }, runId: id },
    });
    expect(other.status).toBe(409);
  });

  it("refuses a bucket of this account that lives in another region", async () => {
    const east = new S3Client({
      region: "us-east-1",
      endpoint: env.stack.sandbox.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    await east.send(new CreateBucketCommand({ Bucket: "bucket-in-virginia" }));
    east.destroy();
    const availability = await env.stack.admin.request(
      "GET",
      `/api/destinations/bucket-availability?poolId=${env.poolId}&name=bucket-in-virginia`,
    );
    expect(availability.body).toMatchObject({
      state: "taken",
      message: expect.stringContaining("us-east-1"),
    });
    const input = {
      kind: "s3",
      poolId: env.poolId,
      eventSource: "userAuthEvents",
      bucket: { name: "bucket-in-virginia" },
    };
    // The plan already shows the conflict, with what differs, before anything runs...
    const plan = await env.stack.plan(input);
    expect(plan.existing).toContainEqual(
      expect.objectContaining({
        type: "bucket",
        name: "bucket-in-virginia",
        state: "conflict",
        differences: [expect.stringContaining("us-east-1")],
      }),
    );
    // ...and the run is refused, even with the plan's token, with nothing sent to AWS but reads.
    env.stack.sandbox.resetCalls();
    const started = await env.stack.admin.request("POST", "/api/destinations/runs", {
      body: { input, planToken: plan.token },
    });
    expect(started.status, started.text).toBe(409);
    expect((started.body as { type: string }).type).toBe("urn:clc:problem:plan-conflict");
    expect((started.body as { detail: string }).detail).toContain("us-east-1");
    const operations = Object.keys(env.stack.sandbox.calls().byOperation);
    expect(operations.filter((op) => !/:(Head|Get|Describe|List)/.test(op))).toEqual([]);
  });
});

describe("regions", () => {
  it("refuses a pool in a region the console does not show, before any AWS call", async () => {
    // A real pool, in a region left out of CLC_REGIONS (the sandbox serves every region).
    const sydney = new CognitoIdentityProviderClient({
      region: "ap-southeast-2",
      endpoint: env.stack.sandbox.endpoint,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    });
    const created = await sydney.send(new CreateUserPoolCommand({ PoolName: "far-away" }));
    sydney.destroy();
    const farPool = created.UserPool?.Id ?? "";
    expect(farPool.startsWith("ap-southeast-2_")).toBe(true);

    const input = logGroupInput("/aws/cognito/far-away", { poolId: farPool });
    env.stack.sandbox.resetCalls();
    for (const [method, path, body] of [
      ["POST", "/api/destinations/plan", input],
      ["POST", "/api/destinations/runs", { input }],
    ] as const) {
      const answer = await env.stack.admin.request(method, path, { body });
      expect(answer.status, answer.text).toBe(404);
      expect(answer.body).toMatchObject({
        type: "urn:clc:problem:region-not-configured",
        detail: expect.stringContaining("ap-southeast-2"),
        hint: expect.stringContaining("CLC_REGIONS"),
      });
    }
    // Refused before AWS was asked anything: no read, and nothing created.
    expect(env.stack.sandbox.calls().byOperation).toEqual({});
  });
});
