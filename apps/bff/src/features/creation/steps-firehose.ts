/** The steps of a Firehose stream destination: its role, the role's policy, the stream, waiting until it is active. */
import {
  type CreationInput,
  FIREHOSE_ROLE_POLICY_NAME,
  FIREHOSE_SERVICE_PRINCIPAL,
  firehoseS3Policy,
  firehoseTrustPolicy,
  LOG_DELIVERY_ENABLED_TAG,
  proposeFirehoseRoleName,
  type StepId,
  streamDifferences,
} from "@clc/domain";
import { AwsCallError } from "../../aws/errors.ts";
import type { CreateDeliveryStreamInput } from "../../aws/firehose-gateway.ts";
import { findStream } from "./lookups.ts";
import {
  createdEarlier,
  ensureServiceRole,
  reused,
  type StepContext,
  StepFailure,
  type StepFn,
  type StepOutcome,
} from "./step-kit.ts";
import { requireBucket } from "./steps-bucket.ts";

function roleNameOf(input: CreationInput): string {
  if (input.kind !== "firehose")
    throw new StepFailure("PlanMismatch", "Only a Firehose stream needs a role.");
  return input.roleName ?? proposeFirehoseRoleName(input.streamName);
}

export const firehoseSteps = {
  async "create-role"(ctx) {
    const name = roleNameOf(ctx.input);
    return ensureServiceRole(ctx, {
      name,
      stepId: "create-role",
      recordType: "role",
      trusts: (document) =>
        document.includes(FIREHOSE_SERVICE_PRINCIPAL) && document.includes("sts:AssumeRole"),
      notTrusted: new StepFailure(
        "RoleNotForFirehose",
        `The IAM role ${name} already exists, but Firehose (${FIREHOSE_SERVICE_PRINCIPAL}) may not assume it.`,
        "Choose another role name and run again.",
      ),
      trustPolicy: firehoseTrustPolicy(ctx.accountId),
      description: "Lets Firehose write Cognito log records to S3 (created by Cognito Log Console).",
      createdMessage: `Created role ${name}, which only Firehose acting for this account may assume.`,
    });
  },

  async "role-policy"(ctx) {
    const roleName = roleNameOf(ctx.input);
    const bucket = requireBucket(ctx);
    await ctx.aws.iam.putRolePolicy(
      roleName,
      FIREHOSE_ROLE_POLICY_NAME,
      firehoseS3Policy(ctx.partition, bucket.name),
      ctx.deadline,
    );
    // Only on a role this run created: the plan says cleanup leaves an existing role's policy alone.
    if (createdEarlier(ctx, "role", roleName) && !createdEarlier(ctx, "rolePolicy", roleName)) {
      ctx.ledger.push({
        type: "rolePolicy",
        stepId: "role-policy",
        roleName,
        policyName: FIREHOSE_ROLE_POLICY_NAME,
      });
    }
    return { status: "done", message: `The role may write to ${bucket.name} only.` };
  },

  async "create-stream"(ctx) {
    if (ctx.input.kind !== "firehose") throw new StepFailure("PlanMismatch", "Not a Firehose request.");
    const name = ctx.input.streamName;
    const existing = await findStream(ctx.aws.firehose, ctx.region, name, ctx.deadline);
    if (existing) return reuseStream(ctx, name);
    const roleArn = (await ctx.aws.iam.getRole(roleNameOf(ctx.input), ctx.deadline))?.arn;
    if (!roleArn)
      throw new StepFailure("NoSuchRole", "The delivery role is missing; run again to recreate it.");
    const request = streamRequest(ctx, roleArn);
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await ctx.aws.firehose.createDeliveryStream(ctx.region, request, ctx.deadline);
        if (created === "exists") return reuseStream(ctx, name);
        break;
      } catch (error) {
        const delay = ctx.roleRetryDelaysMs[attempt];
        const roleNotReady =
          error instanceof AwsCallError &&
          error.code === "InvalidArgumentException" &&
          /role/i.test(error.message);
        if (!roleNotReady || delay === undefined) throw error;
        await ctx.sleep(delay);
      }
    }
    ctx.ledger.push({ type: "stream", stepId: "create-stream", region: ctx.region, name });
    ctx.takeAccessKey();
    return {
      status: "done",
      message: `Created stream ${name}, tagged ${LOG_DELIVERY_ENABLED_TAG.key}=true.`,
    };
  },

  async "wait-stream-active"(ctx) {
    if (ctx.input.kind !== "firehose") throw new StepFailure("PlanMismatch", "Not a Firehose request.");
    const name = ctx.input.streamName;
    const deadline = Date.now() + ctx.streamActiveTimeoutMs;
    for (;;) {
      const stream = await findStream(ctx.aws.firehose, ctx.region, name, ctx.deadline);
      if (!stream)
        throw new StepFailure("StreamMissing", `The stream ${name} disappeared while it was being created.`);
      if (stream.status === "ACTIVE") return { status: "done", message: "The stream is active." };
      if (stream.status.endsWith("FAILED") || stream.status === "DELETING") {
        throw new StepFailure(
          "StreamFailed",
          `The stream ${name} is ${stream.status}.`,
          "Clean up this run and start again.",
        );
      }
      if (Date.now() > deadline) {
        throw new StepFailure(
          "StreamNotActive",
          `The stream ${name} is still ${stream.status}.`,
          "Run again in a minute to keep waiting.",
        );
      }
      await ctx.sleep(ctx.streamPollMs);
    }
  },
} satisfies Partial<Record<StepId, StepFn>>;

/**
 * A stream of the planned name exists (the plan saw it, or another run made it since): it is used
 * only when it is exactly the planned stream, and it is never tagged or changed here.
 */
async function reuseStream(ctx: StepContext, name: string): Promise<StepOutcome> {
  const stream = await findStream(ctx.aws.firehose, ctx.region, name, ctx.deadline);
  if (!stream)
    throw new StepFailure("StreamMissing", `The stream ${name} disappeared while it was being checked.`);
  const differences = streamDifferences(ctx.input, ctx, {
    type: stream.type,
    destination: stream.destination,
    tags: await ctx.aws.firehose.listTags(ctx.region, name, ctx.deadline),
  });
  if (differences.length > 0) {
    throw new StepFailure(
      "StreamConflict",
      `A stream named ${name} exists and is not the one this run would create: ${differences.join(" ")}`,
      "Choose another stream name and run again; the existing stream was left as it is.",
    );
  }
  return reused(ctx, "stream", name, `Stream ${name}`);
}

function streamRequest(ctx: StepContext, roleArn: string): CreateDeliveryStreamInput {
  if (ctx.input.kind !== "firehose") throw new StepFailure("PlanMismatch", "Not a Firehose request.");
  const input = ctx.input;
  const tags = Object.entries({
    ...ctx.tags,
    [LOG_DELIVERY_ENABLED_TAG.key]: LOG_DELIVERY_ENABLED_TAG.value,
  }).map(([Key, Value]) => ({ Key, Value }));
  const base = { DeliveryStreamName: input.streamName, DeliveryStreamType: "DirectPut" as const, Tags: tags };
  if (input.target.type === "s3") {
    const t = input.target;
    return {
      ...base,
      ExtendedS3DestinationConfiguration: {
        RoleARN: roleArn,
        BucketARN: `arn:${ctx.partition}:s3:::${t.bucket.name}`,
        Prefix: t.prefix,
        ErrorOutputPrefix: "errors/",
        BufferingHints: { SizeInMBs: t.bufferingSizeMiB, IntervalInSeconds: t.bufferingIntervalSeconds },
        CompressionFormat: t.compression,
      },
    };
  }
  const t = input.target;
  const accessKey = peekAccessKey(ctx);
  return {
    ...base,
    HttpEndpointDestinationConfiguration: {
      EndpointConfiguration: {
        Url: t.url,
        Name:
          t.endpointName ??
          (t.preset === "generic"
            ? "HTTP endpoint"
            : t.preset === "openobserve"
              ? "OpenObserve"
              : "Sumo Logic"),
        ...(accessKey ? { AccessKey: accessKey } : {}),
      },
      BufferingHints: { SizeInMBs: t.bufferingSizeMiB, IntervalInSeconds: t.bufferingIntervalSeconds },
      RequestConfiguration: { ContentEncoding: t.contentEncoding },
      RetryOptions: { DurationInSeconds: t.retrySeconds },
      RoleARN: roleArn,
      S3BackupMode: "FailedDataOnly",
      S3Configuration: {
        RoleARN: roleArn,
        BucketARN: `arn:${ctx.partition}:s3:::${t.backupBucket.name}`,
        Prefix: "failed/",
        CompressionFormat: "GZIP",
      },
    },
  };
}

/** The key stays in the run's memory until the stream exists; this reads it without forgetting it. */
function peekAccessKey(ctx: StepContext): string | undefined {
  return ctx.input.kind === "firehose" && ctx.input.target.type === "http"
    ? ctx.input.target.accessKey
    : undefined;
}
