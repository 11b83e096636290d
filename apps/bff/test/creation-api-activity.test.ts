/**
 * Guided creation's "also route Cognito API activity" (issue 15), over HTTP against the sandbox: the
 * plan with and without a CloudTrail trail, a run creating EventBridge's role, the rule and its
 * Firehose target, a Cognito call then reaching the stream's bucket, resume after a failed step,
 * cleanup of only what the run made, and a rule of the planned name the console did not make.
 * Then the same route to a stream that exists already and that the console did not create ("for a
 * Firehose stream it creates or one that exists"): the stream is only read, a missing one blocks
 * the plan, and cleanup leaves it exactly as it was.
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { UpdateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListTagsForDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { CreationPlan, CreationRun } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreationStack, REGION, startCreationStack, stepStatuses } from "./creation-support.ts";
import { firehoseInput } from "./fixtures/creation-inputs.ts";

const ACCOUNT = "123456789012";
let sandbox: RunningSandbox;
let stack: CreationStack;
let events: EventBridgeClient;
let poolId = "";

beforeAll(async () => {
  // CloudTrail's events reach EventBridge at once here (AWS: usually within 5 minutes).
  sandbox = await startSandbox({ seed: "none", realism: { cloudTrailEventDelayMs: 0 } });
  stack = await startCreationStack({ sandbox });
  events = new EventBridgeClient({
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  poolId = await stack.createPool("api-activity");
});
afterAll(async () => {
  events?.destroy();
  await stack?.close();
  await sandbox?.close();
});

const ROUTE_STEPS = ["check-trail", "create-events-role", "events-role-policy", "create-rule", "put-targets"];

/** A new stream to a new bucket, with Cognito's API activity routed to it. */
const routed = (stream: string) =>
  ({
    ...firehoseInput(poolId, stream, {
      type: "s3",
      bucket: { mode: "create", name: `${stream}-archive`, expirationDays: null },
      prefix: "cognito/",
      compression: "UNCOMPRESSED",
    }),
    apiActivity: true,
  }) as const;

async function startTrail(): Promise<void> {
  // A multi-region trail of another region counts in the pool's region.
  const trails = new CloudTrailClient({
    region: "us-east-1",
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await stack.aws.s3.send(new CreateBucketCommand({ Bucket: "org-trail" }));
  await trails.send(
    new CreateTrailCommand({ Name: "management", S3BucketName: "org-trail", IsMultiRegionTrail: true }),
  );
  await trails.send(new StartLoggingCommand({ Name: "management" }));
  trails.destroy();
}

const cleanup = async (run: CreationRun) => {
  const answer = await stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { run: CreationRun }).run;
};

const ruleGone = async (name: string) =>
  events.send(new DescribeRuleCommand({ Name: name })).then(
    () => false,
    (e: { name?: string }) => e.name === "ResourceNotFoundException",
  );

describe("Cognito API activity to a Firehose stream", () => {
  it("plans without a trail: says so and how (console and CLI), with each step's IAM permissions, and still allows the rule", async () => {
    const plan: CreationPlan = await stack.plan(routed("no-trail-yet"));
    expect(plan.steps.map((s) => s.id).slice(-5)).toEqual(ROUTE_STEPS);
    expect(plan.apiActivity?.trail?.state).toBe("none");
    expect(plan.apiActivity?.trail?.howTo?.consoleUrl).toBe(
      `https://${REGION}.console.aws.amazon.com/cloudtrailv2/home`,
    );
    expect(plan.apiActivity?.trail?.howTo?.cli.join("\n")).toMatch(
      /aws cloudtrail create-trail .*--is-multi-region-trail[\s\S]*aws cloudtrail start-logging/,
    );
    expect(plan.notes[0]).toContain("No CloudTrail trail records management events in eu-west-1");
    const permissions = (id: string) =>
      plan.steps.find((s) => s.id === id)?.calls.flatMap((c) => c.permissions);
    expect(permissions("check-trail")).toEqual([
      "cloudtrail:DescribeTrails",
      "cloudtrail:GetTrailStatus",
      "cloudtrail:GetEventSelectors",
    ]);
    expect(permissions("create-rule")).toContain("events:PutRule");
    expect(permissions("put-targets")).toEqual(["events:PutTargets", "iam:PassRole"]);
    expect(plan.permissions).toEqual(
      expect.arrayContaining(["events:PutRule", "events:PutTargets", "iam:PassRole"]),
    );
    expect(plan.existing.filter((c) => c.type === "rule")).toMatchObject([
      { name: "clc-cognito-api-no-trail-yet", state: "new" },
    ]);
    expect(sandbox.calls().byOperation["events:PutRule"]).toBeUndefined();
  });

  it("runs with a trail: role, rule and target; a Cognito call then reaches the stream's bucket; cleanup takes all back", async () => {
    await startTrail();
    const input = routed("api-stream");
    const plan = await stack.plan(input);
    expect(plan.apiActivity?.trail).toMatchObject({
      state: "recording",
      trailName: "management",
      howTo: null,
    });
    const run = await stack.run(input);
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toMatchObject({
      "create-stream": "done",
      "check-trail": "done",
      "create-events-role": "done",
      "events-role-policy": "done",
      "create-rule": "done",
      "put-targets": "done",
    });
    const rule = await events.send(new DescribeRuleCommand({ Name: "clc-cognito-api-api-stream" }));
    expect(JSON.parse(rule.EventPattern ?? "{}")).toEqual({ source: ["aws.cognito-idp"] });
    const tags = await events.send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn }));
    expect(tags.Tags).toContainEqual({ Key: "managed-by", Value: "cognito-log-console" });
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: "clc-cognito-api-api-stream" }));
    expect(targets.Targets).toEqual([
      {
        Id: "firehose",
        Arn: run.destination.arn,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/clc-events-api-stream`,
      },
    ]);
    const role = await stack.aws.iam.send(new GetRoleCommand({ RoleName: "clc-events-api-stream" }));
    expect(
      JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "{}")).Statement[0],
    ).toMatchObject({
      Principal: { Service: "events.amazonaws.com" },
    });
    // The role's policy (PutRecord/PutRecordBatch on this stream only) is what lets the sandbox's
    // EventBridge put the event below: it refuses a role without it (events-firehose-target.test.ts).
    // A Cognito API call (any client): its CloudTrail event reaches the stream, then its bucket.
    await stack.aws.cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
    for (let i = 0; i < 200 && sandbox.pendingEvents() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    const listed = await stack.aws.s3.send(
      new ListObjectsV2Command({ Bucket: "api-stream-archive", Prefix: "cognito/" }),
    );
    const bodies = await Promise.all(
      (listed.Contents ?? []).map(async (o) =>
        (
          await stack.aws.s3.send(new GetObjectCommand({ Bucket: "api-stream-archive", Key: o.Key ?? "" }))
        ).Body?.transformToString(),
      ),
    );
    const records = bodies
      .join("")
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(records).toContainEqual(
      expect.objectContaining({
        source: "aws.cognito-idp",
        detail: expect.objectContaining({
          eventName: "UpdateUserPool",
          requestParameters: { userPoolId: poolId },
        }),
      }),
    );

    const cleaned = await cleanup(run);
    // The bucket now holds the delivered record, so it alone is kept (and said so); the route is gone.
    expect(cleaned.status).toBe("cleanup-failed");
    const cleanupOf = Object.fromEntries(cleaned.steps.map((s) => [s.id, s.cleanup]));
    expect(cleanupOf).toMatchObject({
      "create-bucket": "failed",
      "create-stream": "done",
      "create-events-role": "done",
      "events-role-policy": "done",
      "create-rule": "done",
      "put-targets": "done",
    });
    expect(cleaned.steps.find((s) => s.id === "create-bucket")?.cleanupMessage).toContain("holds objects");
    expect(await ruleGone("clc-cognito-api-api-stream")).toBe(true);
    await expect(
      stack.aws.iam.send(new GetRoleCommand({ RoleName: "clc-events-api-stream" })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });

  it("a rule of that name the console did not create blocks the run, with the reason, and is left as it is", async () => {
    await events.send(
      new PutRuleCommand({
        Name: "clc-cognito-api-foreign",
        EventPattern: JSON.stringify({ source: ["aws.s3"] }),
      }),
    );
    const input = routed("foreign");
    const plan = await stack.plan(input);
    const check = plan.existing.find((c) => c.type === "rule");
    expect(check).toMatchObject({ state: "conflict", name: "clc-cognito-api-foreign" });
    expect(check?.message).toContain("the console did not create");
    const started = await stack.admin.request("POST", "/api/destinations/runs", {
      body: { input, planToken: plan.token },
    });
    expect(started.status).toBe(409);
    expect(started.text).toContain("clc-cognito-api-foreign");
    const rule = await events.send(new DescribeRuleCommand({ Name: "clc-cognito-api-foreign" }));
    expect(JSON.parse(rule.EventPattern ?? "{}")).toEqual({ source: ["aws.s3"] });
    await expect(
      stack.aws.iam.send(new GetRoleCommand({ RoleName: "clc-events-foreign" })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });

  it("resumes after a failed step, and cleanup leaves the console rule it did not create", async () => {
    // The console's rule (another run's), already at EventBridge's 5 targets: PutTargets fails.
    const name = "clc-cognito-api-resumed";
    await events.send(
      new PutRuleCommand({
        Name: name,
        EventPattern: JSON.stringify({ source: ["aws.cognito-idp"] }),
        Tags: [{ Key: "managed-by", Value: "cognito-log-console" }],
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: name,
        Targets: Array.from({ length: 5 }, (_, i) => ({
          Id: `other-${i}`,
          Arn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/other-${i}`,
        })),
      }),
    );
    const input = routed("resumed");
    const plan = await stack.plan(input);
    expect(plan.changesToExisting.join(" ")).toContain(`target of the console's existing rule ${name}`);
    const failed = await stack.run(input);
    expect(failed.status).toBe("failed");
    expect(stepStatuses(failed)).toMatchObject({ "create-rule": "skipped", "put-targets": "failed" });
    expect(failed.steps.find((s) => s.id === "put-targets")?.error?.code).toBe("LimitExceededException");

    await events.send(new RemoveTargetsCommand({ Rule: name, Ids: ["other-4"] }));
    const resumed = await stack.run(input, failed.id);
    expect(resumed.id).toBe(failed.id);
    expect(resumed.status, JSON.stringify(resumed.steps)).toBe("succeeded");
    expect(resumed.steps.find((s) => s.id === "create-events-role")?.message).toContain("earlier attempt");
    expect(stepStatuses(resumed)).toMatchObject({ "create-stream": "done", "put-targets": "done" });

    const cleaned = await cleanup(resumed);
    expect(cleaned.status, JSON.stringify(cleaned.steps)).toBe("cleaned");
    // The rule stays with its other targets; only this run's target went.
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
    expect(targets.Targets?.map((t) => t.Id)).toEqual(["other-0", "other-1", "other-2", "other-3"]);
    await events.send(
      new RemoveTargetsCommand({ Rule: name, Ids: ["other-0", "other-1", "other-2", "other-3"] }),
    );
    await events.send(new DeleteRuleCommand({ Name: name }));
  });
});

const routeTo = (streamName: string) => ({ kind: "apiActivity", poolId, streamName }) as const;

/** A stream someone made outside the console (no managed-by tag), writing to its own bucket, ACTIVE. */
async function theirStream(name: string): Promise<void> {
  await stack.aws.s3.send(
    new CreateBucketCommand({
      Bucket: `${name}-bucket`,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  await stack.aws.firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      DeliveryStreamType: "DirectPut",
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/their-firehose-role`,
        BucketARN: `arn:aws:s3:::${name}-bucket`,
        Prefix: "theirs/",
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        CompressionFormat: "UNCOMPRESSED",
      },
      Tags: [{ Key: "team", Value: "security" }],
    }),
  );
  for (let i = 0; i < 500; i++) {
    const d = await stack.aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (d.DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`stream ${name} never became ACTIVE`);
}

const describeStream = async (name: string) => {
  const d = await stack.aws.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
  const tags = await stack.aws.firehose.send(
    new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: name }),
  );
  const { LastUpdateTimestamp: _ignored, ...description } = d.DeliveryStreamDescription ?? {};
  return { description, tags: tags.Tags };
};

describe("Cognito API activity to an existing Firehose stream", () => {
  it("plans only the route: the stream is read (exists, ACTIVE), then trail, role, policy, rule, target", async () => {
    await theirStream("security-lake");
    const putRules = sandbox.calls().byOperation["events:PutRule"];
    const plan = await stack.plan(routeTo("security-lake"));
    expect(plan.steps.map((s) => s.id)).toEqual(["check-stream", ...ROUTE_STEPS]);
    expect(plan.kind).toBe("firehose");
    expect(plan.destination).toEqual({
      kind: "firehose",
      name: "security-lake",
      arn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/security-lake`,
    });
    expect(plan.existing.find((c) => c.type === "stream")).toMatchObject({
      name: "security-lake",
      state: "reuse",
    });
    expect(plan.existing.filter((c) => c.state === "conflict")).toEqual([]);
    expect(plan.steps[0]?.undo).toContain("Nothing");
    expect(plan.permissions).not.toContain("firehose:CreateDeliveryStream");
    expect(plan.permissions).toEqual(expect.arrayContaining(["events:PutRule", "events:PutTargets"]));
    expect(plan.notes.join(" ")).toContain("never changed");
    expect(sandbox.calls().byOperation["events:PutRule"]).toBe(putRules);
  });

  it("runs: role, rule and target on their stream; a Cognito call reaches its bucket; cleanup leaves the stream", async () => {
    // The multi-region trail of the test above records here too.
    await theirStream("audit-trail");
    const before = await describeStream("audit-trail");
    const streamWrites = () => [
      sandbox.calls().byOperation["firehose:DeleteDeliveryStream"],
      sandbox.calls().byOperation["firehose:TagDeliveryStream"],
      sandbox.calls().byOperation["firehose:UpdateDestination"],
    ];
    const writesBefore = streamWrites();
    const run = await stack.run(routeTo("audit-trail"));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toEqual(
      Object.fromEntries(["check-stream", ...ROUTE_STEPS].map((id) => [id, "done"])),
    );
    const rule = await events.send(new DescribeRuleCommand({ Name: "clc-cognito-api-audit-trail" }));
    expect(JSON.parse(rule.EventPattern ?? "{}")).toEqual({ source: ["aws.cognito-idp"] });
    const ruleTags = await events.send(new ListTagsForResourceCommand({ ResourceARN: rule.Arn }));
    expect(ruleTags.Tags).toContainEqual({ Key: "managed-by", Value: "cognito-log-console" });
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: "clc-cognito-api-audit-trail" }));
    expect(targets.Targets).toEqual([
      {
        Id: "firehose",
        Arn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/audit-trail`,
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/clc-events-audit-trail`,
      },
    ]);

    await stack.aws.cognito.send(new UpdateUserPoolCommand({ UserPoolId: poolId }));
    for (let i = 0; i < 200 && sandbox.pendingEvents() > 0; i++) await new Promise((r) => setTimeout(r, 10));
    let records: { source?: string; detail?: { eventName?: string } }[] = [];
    for (let i = 0; i < 300 && records.length === 0; i++) {
      const listed = await stack.aws.s3.send(
        new ListObjectsV2Command({ Bucket: "audit-trail-bucket", Prefix: "theirs/" }),
      );
      const bodies = await Promise.all(
        (listed.Contents ?? []).map(async (o) =>
          (
            await stack.aws.s3.send(new GetObjectCommand({ Bucket: "audit-trail-bucket", Key: o.Key ?? "" }))
          ).Body?.transformToString(),
        ),
      );
      records = bodies
        .join("\n")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l));
      if (records.length === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(records).toContainEqual(
      expect.objectContaining({
        source: "aws.cognito-idp",
        detail: expect.objectContaining({ eventName: "UpdateUserPool" }),
      }),
    );

    const answer = await stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
    expect(answer.status, answer.text).toBe(200);
    const cleaned = (answer.body as { run: CreationRun }).run;
    expect(cleaned.status, JSON.stringify(cleaned.steps)).toBe("cleaned");
    await expect(
      events.send(new DescribeRuleCommand({ Name: "clc-cognito-api-audit-trail" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(
      stack.aws.iam.send(new GetRoleCommand({ RoleName: "clc-events-audit-trail" })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
    // Their stream is exactly as it was: same configuration, same tags (none of ours), still ACTIVE.
    expect(await describeStream("audit-trail")).toEqual(before);
    expect(streamWrites()).toEqual(writesBefore);
  });

  it("a stream that does not exist blocks the plan (409 on run) with what to do, and nothing is created", async () => {
    const input = routeTo("no-such-stream");
    const plan = await stack.plan(input);
    const check = plan.existing.find((c) => c.type === "stream");
    expect(check).toMatchObject({ state: "conflict", name: "no-such-stream" });
    expect(check?.message).toBe(`There is no Firehose stream no-such-stream in ${REGION}.`);
    const started = await stack.admin.request("POST", "/api/destinations/runs", {
      body: { input, planToken: plan.token },
    });
    expect(started.status).toBe(409);
    expect(started.text).toContain("no-such-stream");
    await expect(
      stack.aws.iam.send(new GetRoleCommand({ RoleName: "clc-events-no-such-stream" })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException" });
    await expect(
      events.send(new DescribeRuleCommand({ Name: "clc-cognito-api-no-such-stream" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("refuses an invalid stream name with a field error (400)", async () => {
    const answer = await stack.admin.request("POST", "/api/destinations/plan", {
      body: { kind: "apiActivity", poolId, streamName: "bad name!" },
    });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("Use only letters, digits and . _ - in a stream name.");
  });
});
