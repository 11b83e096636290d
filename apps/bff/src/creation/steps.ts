/**
 * What each plan step does against AWS. Every step first looks at what exists, so running it again
 * (a resumed run) reuses what is there instead of making a second one, and it records in the run's
 * ledger exactly what it created or added, which is all that cleanup will ever take back.
 */
import {
  type CreationInput,
  FIREHOSE_ROLE_POLICY_NAME,
  FIREHOSE_SERVICE_PRINCIPAL,
  firehoseS3Policy,
  firehoseTrustPolicy,
  LOG_DELIVERY_ENABLED_TAG,
  type PlanStep,
  type PolicyAddition,
  proposeFirehoseRoleName,
  type StepId,
  streamDifferences,
} from "@clc/domain";
import { orOnCode } from "../aws/call.ts";
import type { CognitoGateway } from "../aws/cognito-gateway.ts";
import type { Deadline } from "../aws/deadline.ts";
import { AwsCallError } from "../aws/errors.ts";
import type {
  CreateDeliveryStreamInput,
  DeliveryStreamRecord,
  FirehoseGateway,
} from "../aws/firehose-gateway.ts";
import type { IamGateway } from "../aws/iam-gateway.ts";
import type { LogGroupRecord, LogsGateway } from "../aws/logs-gateway.ts";
import type { S3Gateway } from "../aws/s3-gateway.ts";
import {
  type BucketPolicyStore,
  type DeliveryPolicyWriter,
  type LogPolicyStore,
  PolicyWriteError,
} from "../services/delivery-policies.ts";

/** The AWS calls destination creation makes (plan, run steps, cleanup), and nothing more. */
export interface CreationAws {
  cognito: Pick<CognitoGateway, "describeUserPool">;
  logs: Pick<
    LogsGateway,
    | "describeLogGroups"
    | "createLogGroup"
    | "setRetention"
    | "deleteLogGroup"
    | "describeResourcePolicies"
    | "putResourcePolicy"
    | "deleteResourcePolicy"
    | "describeLogGroupPolicy"
    | "putLogGroupPolicy"
    | "deleteLogGroupPolicy"
  >;
  s3: Pick<
    S3Gateway,
    | "headBucket"
    | "createBucket"
    | "putBucketTagging"
    | "blockPublicAccess"
    | "expireObjects"
    | "getBucketPolicy"
    | "putBucketPolicy"
    | "deleteBucketPolicy"
    | "deleteBucket"
  >;
  iam: Pick<IamGateway, "getRole" | "createRole" | "putRolePolicy" | "deleteRolePolicy" | "deleteRole">;
  firehose: Pick<
    FirehoseGateway,
    "describeDeliveryStream" | "listTags" | "createDeliveryStream" | "deleteDeliveryStream"
  >;
}

/** The log group of exactly this name (DescribeLogGroups by prefix, every page), null when none. */
export async function findLogGroup(
  logs: CreationAws["logs"],
  region: string,
  name: string,
  deadline: Deadline | undefined,
): Promise<LogGroupRecord | null> {
  let nextToken: string | undefined;
  do {
    const page = await logs.describeLogGroups(
      region,
      { prefix: name, limit: 50, ...(nextToken ? { nextToken } : {}) },
      deadline,
    );
    const match = page.groups.find((g) => g.name === name);
    if (match) return match;
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return null;
}

/** The stream of this name, null when there is none. */
export function findStream(
  firehose: CreationAws["firehose"],
  region: string,
  name: string,
  deadline: Deadline | undefined,
): Promise<DeliveryStreamRecord | null> {
  return orOnCode(
    firehose.describeDeliveryStream(region, name, deadline),
    ["ResourceNotFoundException"],
    null,
  );
}

/** What cleanup may take back, one entry per thing a run created or added. */
export type UndoRecord =
  | { type: "logGroup"; stepId: StepId; region: string; name: string }
  | {
      type: "resourcePolicy";
      stepId: StepId;
      region: string;
      policyName: string;
      addition: PolicyAddition;
    }
  /** What a run added to the policy attached to a log group (log-group scope). */
  | {
      type: "logGroupPolicy";
      stepId: StepId;
      region: string;
      logGroupArn: string;
      addition: PolicyAddition;
    }
  | { type: "bucket"; stepId: StepId; region: string; name: string }
  | { type: "bucketPolicy"; stepId: StepId; region: string; bucket: string; addition: PolicyAddition }
  | { type: "role"; stepId: StepId; name: string }
  | { type: "rolePolicy"; stepId: StepId; roleName: string; policyName: string }
  | { type: "stream"; stepId: StepId; region: string; name: string };

/** A step that cannot go on, in the user's terms, with what to do next. */
export class StepFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "StepFailure";
  }
}

export interface StepContext {
  region: string;
  partition: string;
  accountId: string;
  input: CreationInput;
  tags: Record<string, string>;
  ledger: UndoRecord[];
  aws: CreationAws;
  /**
   * Every AWS call of a step takes it. A run's steps execute after the request that started them
   * has been answered, so this is undefined there: each call then gets the background budget of its
   * own (AwsClients.backgroundCallBudgetMs, not counting waits for the read quota), as the fleet's
   * background reads do (aws/deadline.ts `startBackgroundBudget`).
   */
  deadline: Deadline | undefined;
  /** Serialized, revision-checked, read-back writes of shared policy documents (shared with the fixes). */
  policies: DeliveryPolicyWriter;
  /** Polling of a new stream until ACTIVE. */
  streamPollMs: number;
  streamActiveTimeoutMs: number;
  /** Firehose may refuse a just-created role until IAM has propagated it: retry delays for that. */
  roleRetryDelaysMs: readonly number[];
  sleep(ms: number): Promise<void>;
  /** The HTTP endpoint's access key: held only until the stream exists, then forgotten. */
  takeAccessKey(): string | undefined;
}

export interface StepOutcome {
  status: "done" | "skipped";
  message: string;
}

const createdEarlier = (ctx: StepContext, type: UndoRecord["type"], name: string): boolean =>
  ctx.ledger.some(
    (r) =>
      r.type === type &&
      (("name" in r && r.name === name) ||
        ("bucket" in r && r.bucket === name) ||
        ("roleName" in r && r.roleName === name)),
  );

const reused = (ctx: StepContext, type: UndoRecord["type"], name: string, what: string): StepOutcome =>
  createdEarlier(ctx, type, name)
    ? { status: "done", message: `${what} was created by an earlier attempt of this run; reused.` }
    : { status: "skipped", message: `${what} already existed; reused as it is.` };

function bucketOf(
  input: CreationInput,
): { name: string; create: boolean; expirationDays: number | null } | null {
  if (input.kind === "s3")
    return { name: input.bucket.name, create: true, expirationDays: input.bucket.expirationDays };
  if (input.kind === "firehose") {
    const choice = input.target.type === "s3" ? input.target.bucket : input.target.backupBucket;
    return choice.mode === "create"
      ? { name: choice.name, create: true, expirationDays: choice.expirationDays }
      : { name: choice.name, create: false, expirationDays: null };
  }
  return null;
}

function requireBucket(ctx: StepContext) {
  const bucket = bucketOf(ctx.input);
  if (!bucket) throw new StepFailure("PlanMismatch", "This step needs a bucket, but the request names none.");
  return bucket;
}

function roleNameOf(input: CreationInput): string {
  if (input.kind !== "firehose")
    throw new StepFailure("PlanMismatch", "Only a Firehose stream needs a role.");
  return input.roleName ?? proposeFirehoseRoleName(input.streamName);
}

async function checkBucketPlace(ctx: StepContext, name: string): Promise<"missing" | "exists"> {
  const lookup = await ctx.aws.s3.headBucket(ctx.region, name, ctx.deadline);
  if (lookup.state === "taken") {
    throw new StepFailure(
      "BucketNameTaken",
      `The bucket name ${name} is taken by another AWS account (bucket names are global).`,
      "Choose another bucket name and run again.",
    );
  }
  if (lookup.state === "exists" && lookup.region !== null && lookup.region !== ctx.region) {
    throw new StepFailure(
      "BucketInOtherRegion",
      `The bucket ${name} exists in ${lookup.region}, but log delivery needs it in the pool's region ${ctx.region}.`,
      "Choose another bucket name, or a bucket in the pool's region.",
    );
  }
  return lookup.state;
}

const steps: Record<StepId, (ctx: StepContext) => Promise<StepOutcome>> = {
  async "create-log-group"(ctx) {
    if (ctx.input.kind !== "logGroup") throw new StepFailure("PlanMismatch", "Not a log group request.");
    const name = ctx.input.logGroupName;
    const existing = await findLogGroup(ctx.aws.logs, ctx.region, name, ctx.deadline);
    if (existing) {
      if (existing.kmsKeyId) {
        throw new StepFailure(
          "LogGroupEncrypted",
          `The log group ${name} already exists and is KMS-encrypted; Cognito cannot deliver to it.`,
          "Choose another log group name and run again.",
        );
      }
      return reused(ctx, "logGroup", name, `Log group ${name}`);
    }
    const result = await ctx.aws.logs.createLogGroup(ctx.region, name, ctx.tags, ctx.deadline);
    if (result === "exists") return reused(ctx, "logGroup", name, `Log group ${name}`);
    ctx.ledger.push({ type: "logGroup", stepId: "create-log-group", region: ctx.region, name });
    return { status: "done", message: `Created log group ${name}.` };
  },

  async "set-retention"(ctx) {
    if (ctx.input.kind !== "logGroup") throw new StepFailure("PlanMismatch", "Not a log group request.");
    const { logGroupName: name, retentionInDays: days } = ctx.input;
    if (!createdEarlier(ctx, "logGroup", name)) {
      return { status: "skipped", message: "The log group existed before; its retention was left as it is." };
    }
    await ctx.aws.logs.setRetention(ctx.region, name, days, ctx.deadline);
    return {
      status: "done",
      message: days === null ? "Events never expire." : `Events are kept ${days} days.`,
    };
  },

  async "log-group-policy"(ctx) {
    if (ctx.input.kind !== "logGroup") throw new StepFailure("PlanMismatch", "Not a log group request.");
    const name = ctx.input.logGroupName;
    const logGroupArn = `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
    // The log group's own policy unless the request asks for an account-level slot (rules doc §3).
    const scope = ctx.input.resourcePolicyScope ?? "log-group";
    const written = await ctx.policies
      .ensureLogGroupDelivery(logPolicyStore(ctx), {
        accountId: ctx.accountId,
        region: ctx.region,
        logGroupArn,
        scope,
      })
      .catch((error: unknown) => {
        throw asStepFailure(error);
      });
    if (!written.changed) {
      return ctx.ledger.some(
        (r) =>
          (r.type === "resourcePolicy" || r.type === "logGroupPolicy") && r.stepId === "log-group-policy",
      )
        ? { status: "done", message: `Log delivery was allowed by an earlier attempt. ${written.message}` }
        : { status: "skipped", message: written.message };
    }
    ctx.ledger.push(
      written.scope === "log-group"
        ? {
            type: "logGroupPolicy",
            stepId: "log-group-policy",
            region: ctx.region,
            logGroupArn,
            addition: written.addition,
          }
        : {
            type: "resourcePolicy",
            stepId: "log-group-policy",
            region: ctx.region,
            policyName: written.policyName,
            addition: written.addition,
          },
    );
    return { status: "done", message: written.message };
  },

  async "check-bucket"(ctx) {
    const bucket = requireBucket(ctx);
    const state = await checkBucketPlace(ctx, bucket.name);
    if (state === "missing") {
      throw new StepFailure(
        "NoSuchBucket",
        `The bucket ${bucket.name} does not exist.`,
        "Choose an existing bucket, or let the console create one.",
      );
    }
    return {
      status: "skipped",
      message: `Bucket ${bucket.name} exists in ${ctx.region}; it will be used as it is.`,
    };
  },

  async "create-bucket"(ctx) {
    const bucket = requireBucket(ctx);
    const state = await checkBucketPlace(ctx, bucket.name);
    if (state === "exists") return reused(ctx, "bucket", bucket.name, `Bucket ${bucket.name}`);
    const result = await ctx.aws.s3.createBucket(ctx.region, bucket.name, ctx.deadline);
    if (result === "exists") return reused(ctx, "bucket", bucket.name, `Bucket ${bucket.name}`);
    ctx.ledger.push({ type: "bucket", stepId: "create-bucket", region: ctx.region, name: bucket.name });
    await ctx.aws.s3.putBucketTagging(ctx.region, bucket.name, ctx.tags, ctx.deadline);
    return { status: "done", message: `Created bucket ${bucket.name} in ${ctx.region}.` };
  },

  async "block-public-access"(ctx) {
    const bucket = requireBucket(ctx);
    if (!createdEarlier(ctx, "bucket", bucket.name)) {
      return {
        status: "skipped",
        message: "The bucket existed before; its public access settings were left as they are.",
      };
    }
    await ctx.aws.s3.blockPublicAccess(ctx.region, bucket.name, ctx.deadline);
    return { status: "done", message: "All public access is blocked." };
  },

  async "bucket-lifecycle"(ctx) {
    const bucket = requireBucket(ctx);
    if (bucket.expirationDays === null) return { status: "skipped", message: "Objects are kept." };
    if (!createdEarlier(ctx, "bucket", bucket.name)) {
      return {
        status: "skipped",
        message: "The bucket existed before; its lifecycle rules were left as they are.",
      };
    }
    await ctx.aws.s3.expireObjects(ctx.region, bucket.name, bucket.expirationDays, ctx.deadline);
    return { status: "done", message: `Objects expire after ${bucket.expirationDays} days.` };
  },

  async "bucket-policy"(ctx) {
    const bucket = requireBucket(ctx);
    const store: BucketPolicyStore = {
      bucketPolicy: () => ctx.aws.s3.getBucketPolicy(ctx.region, bucket.name, ctx.deadline),
      putBucketPolicy: async (document) =>
        (await ctx.aws.s3.putBucketPolicy(ctx.region, bucket.name, document, ctx.deadline)).requestId,
    };
    const written = await ctx.policies
      .ensureBucketDelivery(store, {
        accountId: ctx.accountId,
        region: ctx.region,
        bucket: `arn:${ctx.partition}:s3:::${bucket.name}`,
      })
      .catch((error: unknown) => {
        throw asStepFailure(error, "BucketPolicyUnusable");
      });
    if (!written.changed) {
      return ctx.ledger.some((r) => r.type === "bucketPolicy" && r.bucket === bucket.name)
        ? { status: "done", message: "Log delivery was allowed by an earlier attempt of this run." }
        : { status: "skipped", message: written.message };
    }
    ctx.ledger.push({
      type: "bucketPolicy",
      stepId: "bucket-policy",
      region: ctx.region,
      bucket: bucket.name,
      addition: written.addition,
    });
    return { status: "done", message: written.message };
  },

  async "create-role"(ctx) {
    const name = roleNameOf(ctx.input);
    const existing = await ctx.aws.iam.getRole(name, ctx.deadline);
    const trusts = (document: string) =>
      document.includes(FIREHOSE_SERVICE_PRINCIPAL) && document.includes("sts:AssumeRole");
    if (existing) {
      if (!trusts(existing.assumeRolePolicyDocument)) {
        throw new StepFailure(
          "RoleNotForFirehose",
          `The IAM role ${name} already exists, but Firehose (${FIREHOSE_SERVICE_PRINCIPAL}) may not assume it.`,
          "Choose another role name and run again.",
        );
      }
      return reused(ctx, "role", name, `Role ${name}`);
    }
    const created = await ctx.aws.iam.createRole(
      {
        name,
        trustPolicy: firehoseTrustPolicy(ctx.accountId),
        description: "Lets Firehose write Cognito log records to S3 (created by Cognito Log Console).",
        tags: ctx.tags,
      },
      ctx.deadline,
    );
    if (created === "exists") return reused(ctx, "role", name, `Role ${name}`);
    ctx.ledger.push({ type: "role", stepId: "create-role", name });
    return {
      status: "done",
      message: `Created role ${name}, which only Firehose acting for this account may assume.`,
    };
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
};

/** The CloudWatch Logs calls of a policy write, in the step's region and under its deadline. */
export function logPolicyStore(ctx: Pick<StepContext, "aws" | "region" | "deadline">): LogPolicyStore {
  const { logs } = ctx.aws;
  return {
    accountPolicies: () => logs.describeResourcePolicies(ctx.region, ctx.deadline),
    logGroupPolicy: (arn) => logs.describeLogGroupPolicy(ctx.region, arn, ctx.deadline),
    putAccountPolicy: async (policyName, policyDocument) =>
      (await logs.putResourcePolicy(ctx.region, policyName, policyDocument, ctx.deadline)).requestId,
    putLogGroupPolicy: async (arn, document, revision) =>
      (await logs.putLogGroupPolicy(ctx.region, arn, document, revision, ctx.deadline)).requestId,
  };
}

/** A policy writer's refusal as a step failure in the user's terms; anything else passes through. */
function asStepFailure(error: unknown, impossibleCode = "ResourcePolicyUnusable"): unknown {
  if (!(error instanceof PolicyWriteError)) return error;
  return new StepFailure(
    error.code === "impossible" ? impossibleCode : "PolicyKeptChanging",
    error.message,
    error.hint,
  );
}

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

export async function runStep(id: StepId, ctx: StepContext): Promise<StepOutcome> {
  return steps[id](ctx);
}

export type { PlanStep };
