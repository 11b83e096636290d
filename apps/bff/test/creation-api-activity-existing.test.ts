/**
 * Cognito's API activity routed to a Firehose stream that exists already (issue 15: "for a Firehose
 * stream it creates or one that exists"), over HTTP against the sandbox: the plan reads the stream
 * and adds only the route; a run creates EventBridge's role, the rule and its target, and a Cognito
 * call then reaches the stream's bucket; a missing stream blocks the run; cleanup leaves the stream.
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { UpdateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListTagsForDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { CreationRun } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreationStack, REGION, startCreationStack, stepStatuses } from "./creation-support.ts";

const ACCOUNT = "123456789012";
let sandbox: RunningSandbox;
let stack: CreationStack;
let events: EventBridgeClient;
let poolId = "";

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none", realism: { cloudTrailEventDelayMs: 0 } });
  stack = await startCreationStack({ sandbox });
  events = new EventBridgeClient({
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  poolId = await stack.createPool("api-activity-existing");
});
afterAll(async () => {
  events?.destroy();
  await stack?.close();
  await sandbox?.close();
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

async function startTrail(): Promise<void> {
  const trails = new CloudTrailClient({
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await stack.aws.s3.send(
    new CreateBucketCommand({
      Bucket: "trail-logs",
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  await trails.send(new CreateTrailCommand({ Name: "management", S3BucketName: "trail-logs" }));
  await trails.send(new StartLoggingCommand({ Name: "management" }));
  trails.destroy();
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
    const plan = await stack.plan(routeTo("security-lake"));
    expect(plan.steps.map((s) => s.id)).toEqual([
      "check-stream",
      "check-trail",
      "create-events-role",
      "events-role-policy",
      "create-rule",
      "put-targets",
    ]);
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
    expect(sandbox.calls().byOperation["events:PutRule"]).toBeUndefined();
  });

  it("runs: role, rule and target on their stream; a Cognito call reaches its bucket; cleanup leaves the stream", async () => {
    await startTrail();
    await theirStream("audit-trail");
    const before = await describeStream("audit-trail");
    const run = await stack.run(routeTo("audit-trail"));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toEqual({
      "check-stream": "done",
      "check-trail": "done",
      "create-events-role": "done",
      "events-role-policy": "done",
      "create-rule": "done",
      "put-targets": "done",
    });
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
    expect(sandbox.calls().byOperation["firehose:DeleteDeliveryStream"]).toBeUndefined();
    expect(sandbox.calls().byOperation["firehose:TagDeliveryStream"]).toBeUndefined();
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
