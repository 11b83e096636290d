import { Writable } from "node:stream";
import { DescribeDeliveryStreamCommand, ListTagsForDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { CreateRoleCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import type { CreationPlan, CreationRun } from "@clc/domain";
import { describe, expect, it } from "vitest";
import { REGION, startCreationStack, stepStatuses, useCreationStack } from "./creation-support.ts";
import { firehoseInput, httpTarget } from "./fixtures/creation-inputs.ts";

const env = useCreationStack("streams");
// base64 of openobserve@example.com:secret-key: OpenObserve keys are base64 of user:passcode.
const SECRET = "b3Blbm9ic2VydmVAZXhhbXBsZS5jb206c2VjcmV0LWtleQ==";

const OPENOBSERVE = "https://o2.example.com/aws/default/cognito/_kinesis_firehose";
const httpInput = (streamName: string, backupBucket: string, extra: Record<string, unknown> = {}) => ({
  ...firehoseInput(env.poolId, streamName, httpTarget("openobserve", OPENOBSERVE, backupBucket, SECRET)),
  ...extra,
});

describe("Firehose stream", () => {
  it("creates a tagged DirectPut stream to an HTTP endpoint with its role and backup bucket, never echoing the key", async () => {
    const run = await env.stack.run(httpInput("to-openobserve", "openobserve-failed-records"));
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toEqual({
      "create-bucket": "done",
      "block-public-access": "done",
      "create-role": "done",
      "role-policy": "done",
      "create-stream": "done",
      "wait-stream-active": "done",
    });
    const described = await env.stack.aws.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: "to-openobserve" }),
    );
    const stream = described.DeliveryStreamDescription;
    expect(stream).toMatchObject({ DeliveryStreamStatus: "ACTIVE", DeliveryStreamType: "DirectPut" });
    expect(stream?.DeliveryStreamARN).toBe(run.destination.arn);
    const http = stream?.Destinations?.[0]?.HttpEndpointDestinationDescription;
    expect(http?.EndpointConfiguration?.Url).toBe(
      "https://o2.example.com/aws/default/cognito/_kinesis_firehose",
    );
    expect(http?.S3DestinationDescription?.BucketARN).toBe("arn:aws:s3:::openobserve-failed-records");
    const tags = await env.stack.aws.firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: "to-openobserve" }),
    );
    expect(tags.Tags).toContainEqual({ Key: "LogDeliveryEnabled", Value: "true" });
    expect(tags.Tags).toContainEqual({ Key: "cognito-user-pool", Value: env.poolId });

    const role = await env.stack.aws.iam.send(
      new GetRoleCommand({ RoleName: "clc-firehose-to-openobserve" }),
    );
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? "{}"));
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "firehose.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": "123456789012" } },
      },
    ]);

    const polled = await env.stack.admin.request("GET", `/api/destinations/runs/${run.id}`);
    expect(polled.text).not.toContain(SECRET);
    expect(JSON.stringify(run.input)).not.toContain(SECRET);
    const audit = await env.stack.testApp.stores.audit.list({}, { limit: 100 });
    expect(JSON.stringify(audit.items)).not.toContain(SECRET);
    expect(
      audit.items.some((r) => r.action === "destination.create" && r.resource === run.destination.arn),
    ).toBe(true);
  });

  it("writes to an existing bucket without creating one", async () => {
    await env.stack.aws.s3.send(
      new CreateBucketCommand({
        Bucket: "firehose-archive",
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
    const run = await env.stack.run(
      firehoseInput(env.poolId, "to-archive", {
        type: "s3",
        bucket: { mode: "existing", name: "firehose-archive" },
        prefix: "cognito/",
      }),
    );
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");
    expect(stepStatuses(run)).toMatchObject({ "check-bucket": "skipped", "create-stream": "done" });
    const described = await env.stack.aws.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: "to-archive" }),
    );
    expect(
      described.DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription,
    ).toMatchObject({
      BucketARN: "arn:aws:s3:::firehose-archive",
      Prefix: "cognito/",
      CompressionFormat: "GZIP",
    });
  });

  it("shows a role Firehose may not assume as a conflict in the plan and creates nothing; another name runs", async () => {
    await env.stack.aws.iam.send(
      new CreateRoleCommand({
        RoleName: "taken-role",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    );
    const input = httpInput("resumed-stream", "resumed-failed-records", { roleName: "taken-role" });
    const plan = await env.stack.plan(input);
    expect(plan.existing).toContainEqual(
      expect.objectContaining({ type: "role", name: "taken-role", state: "conflict" }),
    );
    env.stack.sandbox.resetCalls();
    const refused = await env.stack.admin.request("POST", "/api/destinations/runs", {
      body: { input, planToken: plan.token },
    });
    expect(refused.status, refused.text).toBe(409);
    expect(env.stack.sandbox.calls().byOperation["s3:CreateBucket"]).toBeUndefined();
    await expect(
      env.stack.aws.s3.send(new HeadBucketCommand({ Bucket: "resumed-failed-records" })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });

    const other: CreationRun = await env.stack.run(
      httpInput("resumed-stream", "resumed-failed-records", { roleName: "resumed-role" }),
    );
    expect(other.status, JSON.stringify(other.steps)).toBe("succeeded");
    expect(env.stack.sandbox.calls().byOperation["s3:CreateBucket"]).toBe(1);
    expect(env.stack.sandbox.calls().byOperation["firehose:CreateDeliveryStream"]).toBe(1);
  });

  it("two runs racing for one stream name: the loser never takes the winner's stream, and cleans up only its own", async () => {
    const a = httpInput("raced", "raced-a-failed", { roleName: "raced-a" });
    const b = httpInput("raced", "raced-b-failed", { roleName: "raced-b" });
    // Both plans see a free name; both are started at once. Whichever creates the stream first wins;
    // the loser is stopped either at start (its plan's name is taken by then: 409) or by the
    // create-stream step's own check (the stream appeared after its start). Which one is up to the
    // scheduler; both must leave the winner's stream alone.
    const [planA, planB] = await Promise.all([env.stack.plan(a), env.stack.plan(b)]);
    const outcomes = await Promise.all(
      [
        [a, planA],
        [b, planB],
      ].map(async ([input, shown]) => {
        const started = await env.stack.admin.request("POST", "/api/destinations/runs", {
          body: { input, planToken: (shown as CreationPlan).token },
        });
        if (started.status === 409) return { refused: started.body as { type: string } };
        expect(started.status, started.text).toBe(202);
        let run = (started.body as { run: CreationRun }).run;
        for (let i = 0; i < 500 && run.status === "running"; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          run = (
            (await env.stack.admin.request("GET", `/api/destinations/runs/${run.id}`)).body as {
              run: CreationRun;
            }
          ).run;
        }
        return { run };
      }),
    );
    const winners = outcomes.filter((o) => o.run?.status === "succeeded");
    expect(winners).toHaveLength(1);
    const loserIndex = outcomes.findIndex((o) => o.run?.status !== "succeeded");
    const loser = outcomes[loserIndex];
    const winnerBucket = loserIndex === 0 ? "raced-b-failed" : "raced-a-failed";
    const loserRole = loserIndex === 0 ? "raced-a" : "raced-b";
    if (loser?.refused) {
      expect(loser.refused.type).toMatch(/plan-(conflict|changed)$/);
    } else {
      const run = loser?.run as CreationRun;
      expect(run.status).toBe("failed");
      expect(run.steps.find((s) => s.id === "create-stream")?.error?.code).toBe("StreamConflict");
      expect(stepStatuses(run)).toMatchObject({ "create-role": "done", "role-policy": "done" });
      // The run never kept the key once it ended, and says truthfully that one was set.
      expect(run.input.target).toMatchObject({ accessKeySet: true, accessKeyHeld: false });
      const cleanup = await env.stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
      expect(cleanup.status, cleanup.text).toBe(200);
      const cleaned = (cleanup.body as { run: CreationRun }).run;
      expect(cleaned.status, JSON.stringify(cleaned.steps)).toBe("cleaned");
      await expect(env.stack.aws.iam.send(new GetRoleCommand({ RoleName: loserRole }))).rejects.toMatchObject(
        {
          name: "NoSuchEntityException",
        },
      );
    }
    const described = await env.stack.aws.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: "raced" }),
    );
    expect(
      described.DeliveryStreamDescription?.Destinations?.[0]?.HttpEndpointDestinationDescription
        ?.S3DestinationDescription?.BucketARN,
    ).toBe(`arn:aws:s3:::${winnerBucket}`);
  });

  it("a second run with other tags reuses the stream and bucket the first one made", async () => {
    const first = await env.stack.run(httpInput("tag-me", "tag-me-failed"));
    expect(first.status).toBe("succeeded");
    const cleanupless = await env.stack.run({
      ...httpInput("tag-me", "tag-me-failed"),
      tags: { purpose: "second-run" },
    });
    expect(cleanupless.id).not.toBe(first.id);
    expect(cleanupless.status, JSON.stringify(cleanupless.steps)).toBe("succeeded");
    expect(stepStatuses(cleanupless)).toMatchObject({
      "create-bucket": "skipped",
      "create-stream": "skipped",
    });
  });

  it("never writes the access key to a log line, even at trace level", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const traced = await startCreationStack({ logger: { level: "trace", stream: sink } });
    try {
      const tracedPool = await traced.createPool("traced");
      const run = await traced.run({ ...httpInput("traced-stream", "traced-failed"), poolId: tracedPool });
      expect(run.status).toBe("succeeded");
      // A refused run logs more (its problem); make the bucket check fail.
      const refused = await traced.admin.request("POST", "/api/destinations/runs", {
        body: {
          input: {
            ...httpInput("traced-other", "traced-failed"),
            poolId: tracedPool,
            target: {
              ...httpInput("x", "y").target,
              backupBucket: { mode: "existing", name: "no-such-bucket-here" },
            },
          },
        },
      });
      expect(refused.status).toBe(409);
    } finally {
      await traced.close();
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain(SECRET);
  });
});
