/**
 * What every creation step shares: the AWS calls creation may make (`CreationAws`), the run's undo
 * ledger records, the step context and outcome, and the helpers each step file uses to reuse what
 * exists and record what it made. Kept apart from `steps.ts` (the step table) so that the step files
 * import it without importing the table that imports them.
 */
import type { CreationInput, PlanStep, PolicyAddition, StepId } from "@clc/domain";
import type { CloudTrailGateway } from "../../aws/cloudtrail-gateway.ts";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import type { Deadline } from "../../aws/deadline.ts";
import type { EventBridgeGateway } from "../../aws/eventbridge-gateway.ts";
import type { FirehoseGateway } from "../../aws/firehose-gateway.ts";
import type { IamGateway } from "../../aws/iam-gateway.ts";
import type { LogsGateway } from "../../aws/logs-gateway.ts";
import type { S3Gateway } from "../../aws/s3-gateway.ts";
import { type DeliveryPolicyWriter, PolicyWriteError } from "../../lib/delivery-policies.ts";

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
  /** Cognito's API activity to the stream (steps-api-activity.ts). */
  events: Pick<
    EventBridgeGateway,
    | "describeRule"
    | "ruleTags"
    | "ruleTargets"
    | "putRule"
    | "putQueueTarget"
    | "removeTargets"
    | "deleteRule"
  >;
  cloudtrail: CloudTrailGateway;
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
  | { type: "stream"; stepId: StepId; region: string; name: string }
  /** The API-activity route: EventBridge's role, its policy, the rule and the rule's target. */
  | { type: "eventsRole"; stepId: StepId; name: string }
  | { type: "eventsRolePolicy"; stepId: StepId; roleName: string; policyName: string }
  | { type: "eventsRule"; stepId: StepId; region: string; name: string }
  | { type: "eventsTarget"; stepId: StepId; region: string; name: string; targetId: string };

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

/** One step: what it does against AWS, in the run's context. */
export type StepFn = (ctx: StepContext) => Promise<StepOutcome>;

export const createdEarlier = (ctx: StepContext, type: UndoRecord["type"], name: string): boolean =>
  ctx.ledger.some(
    (r) =>
      r.type === type &&
      (("name" in r && r.name === name) ||
        ("bucket" in r && r.bucket === name) ||
        ("roleName" in r && r.roleName === name)),
  );

/** Records what the step created or added (cleanup's to take back) and reports the step done. */
export function recorded(ctx: StepContext, record: UndoRecord, message: string): StepOutcome {
  ctx.ledger.push(record);
  return { status: "done", message };
}

export const reused = (
  ctx: StepContext,
  type: UndoRecord["type"],
  name: string,
  what: string,
): StepOutcome =>
  createdEarlier(ctx, type, name)
    ? { status: "done", message: `${what} was created by an earlier attempt of this run; reused.` }
    : { status: "skipped", message: `${what} already existed; reused as it is.` };

/** A policy writer's refusal as a step failure in the user's terms; anything else passes through. */
export function asStepFailure(error: unknown, impossibleCode = "ResourcePolicyUnusable"): unknown {
  if (!(error instanceof PolicyWriteError)) return error;
  return new StepFailure(
    error.code === "impossible" ? impossibleCode : "PolicyKeptChanging",
    error.message,
    error.hint,
  );
}

export type { PlanStep };

/**
 * The role a service assumes for the run (Firehose's, EventBridge's): reused when it exists and the
 * service may assume it, refused (`notTrusted`) when it may not, else created with the run's tags and
 * recorded for cleanup as `recordType`.
 */
export async function ensureServiceRole(
  ctx: StepContext,
  role: {
    name: string;
    stepId: StepId;
    recordType: "role" | "eventsRole";
    trusts: (document: string) => boolean;
    notTrusted: StepFailure;
    trustPolicy: string;
    description: string;
    createdMessage: string;
  },
): Promise<StepOutcome> {
  const existing = await ctx.aws.iam.getRole(role.name, ctx.deadline);
  if (existing) {
    if (!role.trusts(existing.assumeRolePolicyDocument)) throw role.notTrusted;
    return reused(ctx, role.recordType, role.name, `Role ${role.name}`);
  }
  const created = await ctx.aws.iam.createRole(
    { name: role.name, trustPolicy: role.trustPolicy, description: role.description, tags: ctx.tags },
    ctx.deadline,
  );
  if (created === "exists") return reused(ctx, role.recordType, role.name, `Role ${role.name}`);
  return recorded(ctx, { type: role.recordType, stepId: role.stepId, name: role.name }, role.createdMessage);
}
