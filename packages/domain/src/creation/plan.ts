/**
 * The plan: every step a creation run takes, the AWS calls each makes and the IAM permissions they
 * need, built from validated input alone so the user sees it before anything happens. The BFF's step
 * runner executes exactly these steps, in this order, by id.
 */
import type { DestinationKind, EventSource } from "../model.ts";
import { apiActivitySteps, type TrailCheck } from "./api-activity.ts";
import type { ExistingCheck } from "./existing.ts";
import { proposeFirehoseRoleName } from "./names.ts";
import { bucketArn, logGroupArn } from "./policies.ts";
import type { BucketChoice, CreationInput, FirehoseCreation, NewBucket } from "./schemas.ts";

export const STEP_IDS = [
  "create-log-group",
  "set-retention",
  "log-group-policy",
  "check-bucket",
  "create-bucket",
  "block-public-access",
  "bucket-lifecycle",
  "bucket-policy",
  "create-role",
  "role-policy",
  "create-stream",
  "wait-stream-active",
  // Cognito's API activity to the stream (api-activity.ts), when asked for.
  "check-stream",
  "check-trail",
  "create-events-role",
  "events-role-policy",
  "create-rule",
  "put-targets",
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type ResourceType =
  | "logGroup"
  | "resourcePolicy"
  | "bucket"
  | "bucketPolicy"
  | "role"
  | "rolePolicy"
  | "stream"
  | "rule"
  | "trail";

export interface PlannedCall {
  /** `logs:CreateLogGroup`: the API call as service:Operation. */
  call: string;
  /** The IAM actions the console's principal needs for it. */
  permissions: string[];
}

export interface PlanStep {
  id: StepId;
  title: string;
  /** What the step does and what it reuses when the resource already exists. */
  detail: string;
  resource: { type: ResourceType; name: string; arn: string | null };
  calls: PlannedCall[];
  /** What cleanup does for this step when this run created its resource. */
  undo: string;
}

export interface PlanContext {
  partition: string;
  region: string;
  accountId: string;
  poolId: string;
}

export interface CreationPlan {
  kind: DestinationKind;
  eventSource: EventSource;
  region: string;
  /** The destination Cognito will be pointed at once the run succeeds. */
  destination: { kind: DestinationKind; arn: string; name: string };
  steps: PlanStep[];
  /** Every permission of every step, sorted, for an IAM policy. */
  permissions: string[];
  /** The tags every created resource gets. */
  tags: Record<string, string>;
  notes: string[];
  /**
   * What exists under the planned names (filled by the BFF with read-only calls; empty from
   * buildCreationPlan alone). A `conflict` here means the plan cannot run.
   */
  existing: ExistingCheck[];
  /** Changes to resources the run did not create: the user confirms them (with `token`) before it runs. */
  changesToExisting: string[];
  /** Identifies this plan as shown (input and what exists); a run confirmed with another token is refused. */
  token: string | null;
  /** With Cognito's API activity routed to the stream: what the plan found of CloudTrail (filled by the BFF). */
  apiActivity?: { trail: TrailCheck | null };
}

const call = (name: string, ...permissions: string[]): PlannedCall => ({ call: name, permissions });

function bucketSteps(bucket: NewBucket, ctx: PlanContext, forFirehose: boolean): PlanStep[] {
  const arn = bucketArn(ctx.partition, bucket.name);
  const resource = { type: "bucket" as const, name: bucket.name, arn };
  const steps: PlanStep[] = [
    {
      id: "create-bucket",
      title: `Create S3 bucket ${bucket.name}`,
      detail: `Checks the name is free (HeadBucket), then creates the bucket in ${ctx.region}${
        ctx.region === "us-east-1" ? "" : ` (location constraint ${ctx.region})`
      } and tags it. A bucket of this account with this name in ${ctx.region} is reused.`,
      resource,
      calls: [
        call("s3:HeadBucket", "s3:ListBucket"),
        call("s3:CreateBucket", "s3:CreateBucket"),
        call("s3:PutBucketTagging", "s3:PutBucketTagging"),
      ],
      undo: "Deletes the bucket (only while it is empty).",
    },
    {
      id: "block-public-access",
      title: "Block public access",
      detail: "Turns on all four S3 Block Public Access settings for the bucket.",
      resource,
      calls: [call("s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock")],
      undo: "Removed with the bucket.",
    },
  ];
  if (bucket.expirationDays !== null) {
    steps.push({
      id: "bucket-lifecycle",
      title: `Expire objects after ${bucket.expirationDays} days`,
      detail: "Adds a lifecycle rule that deletes objects once they are this old.",
      resource,
      calls: [call("s3:PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration")],
      undo: "Removed with the bucket.",
    });
  }
  if (!forFirehose) {
    steps.push({
      id: "bucket-policy",
      title: "Let log delivery write to the bucket",
      detail:
        "Adds the two statements delivery.logs.amazonaws.com needs (s3:GetBucketAcl on the bucket, s3:PutObject under AWSLogs/<account>/) to the bucket policy, keeping every statement already there.",
      resource: { type: "bucketPolicy", name: bucket.name, arn },
      calls: [
        call("s3:GetBucketPolicy", "s3:GetBucketPolicy"),
        call("s3:PutBucketPolicy", "s3:PutBucketPolicy"),
      ],
      undo: "Takes the console's two statements back out of the bucket policy.",
    });
  }
  return steps;
}

function firehoseBucketSteps(choice: BucketChoice, ctx: PlanContext): PlanStep[] {
  if (choice.mode === "create") return bucketSteps(choice, ctx, true);
  return [
    {
      id: "check-bucket",
      title: `Use S3 bucket ${choice.name}`,
      detail: `Checks the bucket exists, belongs to this account and is in ${ctx.region}.`,
      resource: { type: "bucket", name: choice.name, arn: bucketArn(ctx.partition, choice.name) },
      calls: [call("s3:HeadBucket", "s3:ListBucket")],
      undo: "Nothing: the bucket existed before.",
    },
  ];
}

function firehoseSteps(input: FirehoseCreation, ctx: PlanContext): PlanStep[] {
  const bucketChoice = input.target.type === "s3" ? input.target.bucket : input.target.backupBucket;
  const roleName = input.roleName ?? proposeFirehoseRoleName(input.streamName);
  const roleArn = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${roleName}`;
  const streamArn = `arn:${ctx.partition}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${input.streamName}`;
  const destinationText =
    input.target.type === "s3"
      ? `writes to s3://${bucketChoice.name}/${input.target.prefix}`
      : `posts to ${new URL(input.target.url).host} (${input.target.preset}) and keeps refused records in s3://${bucketChoice.name}`;
  return [
    ...firehoseBucketSteps(bucketChoice, ctx),
    {
      id: "create-role",
      title: `Create IAM role ${roleName}`,
      detail: `A role only firehose.amazonaws.com may assume, and only with external id ${ctx.accountId}. An existing role of that name is reused.`,
      resource: { type: "role", name: roleName, arn: roleArn },
      calls: [call("iam:GetRole", "iam:GetRole"), call("iam:CreateRole", "iam:CreateRole", "iam:TagRole")],
      undo: "Deletes the role.",
    },
    {
      id: "role-policy",
      title: "Let the role write to the bucket",
      detail: `An inline policy allowing the S3 actions Firehose uses on ${bucketChoice.name} and its objects, nothing else.`,
      resource: { type: "rolePolicy", name: roleName, arn: roleArn },
      calls: [call("iam:PutRolePolicy", "iam:PutRolePolicy")],
      undo: "Deletes the inline policy.",
    },
    {
      id: "create-stream",
      title: `Create Firehose stream ${input.streamName}`,
      detail: `A DirectPut stream tagged LogDeliveryEnabled=true that ${destinationText}. An existing stream of that name is reused only when it is this very stream (same source, destination, role and tag); any other is a conflict, and the run never tags or changes it.${
        input.target.type === "http" ? " The access key is sent to AWS once and never shown or logged." : ""
      }`,
      resource: { type: "stream", name: input.streamName, arn: streamArn },
      calls: [
        call("firehose:DescribeDeliveryStream", "firehose:DescribeDeliveryStream"),
        call(
          "firehose:CreateDeliveryStream",
          "firehose:CreateDeliveryStream",
          "firehose:TagDeliveryStream",
          "iam:PassRole",
        ),
        call("firehose:TagDeliveryStream", "firehose:TagDeliveryStream"),
      ],
      undo: "Deletes the stream.",
    },
    {
      id: "wait-stream-active",
      title: "Wait until the stream is active",
      detail: "A new stream is CREATING for a while; Cognito needs it ACTIVE.",
      resource: { type: "stream", name: input.streamName, arn: streamArn },
      calls: [call("firehose:DescribeDeliveryStream", "firehose:DescribeDeliveryStream")],
      undo: "Nothing.",
    },
  ];
}

/** The first step of a route to an existing stream: it must exist and be ACTIVE; it is only read. */
function checkStreamStep(streamName: string, ctx: PlanContext): PlanStep {
  return {
    id: "check-stream",
    title: `Use Firehose stream ${streamName}`,
    detail: `Checks the stream exists in ${ctx.region} and is ACTIVE. It is never changed, tagged or deleted.`,
    resource: {
      type: "stream",
      name: streamName,
      arn: `arn:${ctx.partition}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${streamName}`,
    },
    calls: [call("firehose:DescribeDeliveryStream", "firehose:DescribeDeliveryStream")],
    undo: "Nothing: the stream existed before.",
  };
}

export function destinationOf(input: CreationInput, ctx: PlanContext): CreationPlan["destination"] {
  switch (input.kind) {
    case "logGroup":
      return { kind: "logGroup", arn: logGroupArn(ctx, input.logGroupName), name: input.logGroupName };
    case "s3":
      return { kind: "s3", arn: bucketArn(ctx.partition, input.bucket.name), name: input.bucket.name };
    case "firehose":
    case "apiActivity":
      return {
        kind: "firehose",
        arn: `arn:${ctx.partition}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${input.streamName}`,
        name: input.streamName,
      };
  }
}

/** The tags every resource of the run carries: the user's, then ours (which win). */
export function creationTags(input: CreationInput): Record<string, string> {
  return { ...input.tags, "managed-by": "cognito-log-console", "cognito-user-pool": input.poolId };
}

/** Builds the plan for validated input. Pure: the same input and context give the same plan. */
export function buildCreationPlan(input: CreationInput, ctx: PlanContext): CreationPlan {
  const notes: string[] = [];
  let steps: PlanStep[];
  if (input.kind === "logGroup") {
    const arn = logGroupArn(ctx, input.logGroupName);
    const resource = { type: "logGroup" as const, name: input.logGroupName, arn };
    steps = [
      {
        id: "create-log-group",
        title: `Create log group ${input.logGroupName}`,
        detail: `Creates the log group in ${ctx.region} without KMS encryption, tagged. An existing group of that name is reused only if it is not KMS-encrypted and keeps events as long as planned; otherwise it is a conflict.`,
        resource,
        calls: [
          call("logs:DescribeLogGroups", "logs:DescribeLogGroups"),
          call("logs:CreateLogGroup", "logs:CreateLogGroup", "logs:TagResource"),
        ],
        undo: "Deletes the log group.",
      },
      {
        id: "set-retention",
        title:
          input.retentionInDays === null
            ? "Keep log events forever"
            : `Keep log events ${input.retentionInDays} days`,
        detail:
          input.retentionInDays === null
            ? "Removes any retention policy so events never expire."
            : "Sets the log group's retention policy.",
        resource,
        calls: [
          input.retentionInDays === null
            ? call("logs:DeleteRetentionPolicy", "logs:DeleteRetentionPolicy")
            : call("logs:PutRetentionPolicy", "logs:PutRetentionPolicy"),
        ],
        undo: "Removed with the log group.",
      },
      {
        id: "log-group-policy",
        title: "Let log delivery write to the log group",
        detail:
          input.resourcePolicyScope === "account"
            ? "Adds delivery.logs.amazonaws.com (this account and region only) to an account-level CloudWatch Logs resource policy: to one that already serves log delivery when it has room within 5120 characters, otherwise a new policy if fewer than 10 exist (this spends one of the 10). Existing statements are kept. Nothing is added when a policy of either scope already allows it."
            : "Attaches a resource policy to the log group itself letting delivery.logs.amazonaws.com (this account and region only) write to it, as AWS does for new deliveries; it uses none of the 10 account-level policy slots. Statements already in the log group's policy are kept. Nothing is added when a policy of either scope already allows it.",
        resource: { type: "resourcePolicy", name: input.logGroupName, arn: null },
        calls: [
          call("logs:DescribeResourcePolicies", "logs:DescribeResourcePolicies"),
          call("logs:PutResourcePolicy", "logs:PutResourcePolicy"),
        ],
        undo:
          input.resourcePolicyScope === "account"
            ? "Takes the console's entry back out of the account-level policy (deletes the policy if the console created it and nothing else is in it)."
            : "Takes the console's statement back out of the log group's policy (goes with the log group when the run created it).",
      },
    ];
  } else if (input.kind === "s3") {
    steps = bucketSteps(input.bucket, ctx, false);
  } else if (input.kind === "apiActivity") {
    steps = [checkStreamStep(input.streamName, ctx), ...apiActivitySteps(input.streamName, ctx)];
    notes.push(
      `The rule matches every Cognito API call in ${ctx.region}, not only this pool's. The stream ${input.streamName} is only read: it is never changed, and cleanup never touches it.`,
    );
  } else {
    steps = firehoseSteps(input, ctx);
    if (input.apiActivity) steps.push(...apiActivitySteps(input.streamName, ctx));
    notes.push(
      "Pointing Cognito at a Firehose stream also needs iam:CreateServiceLinkedRole once per account (AWS creates AWSServiceRoleForLogDelivery).",
    );
  }
  notes.push(
    `Every resource is tagged managed-by=cognito-log-console and cognito-user-pool=${input.poolId}, so it can be found again.`,
  );
  const permissions = [...new Set(steps.flatMap((s) => s.calls.flatMap((c) => c.permissions)))].sort();
  return {
    // The route's destination is a Firehose stream; API activity is user activity, so it is listed
    // with that event source (it is no Cognito log-delivery configuration of its own).
    kind: input.kind === "apiActivity" ? "firehose" : input.kind,
    eventSource: input.kind === "apiActivity" ? "userAuthEvents" : input.eventSource,
    region: ctx.region,
    destination: destinationOf(input, ctx),
    steps,
    permissions,
    tags: creationTags(input),
    notes,
    existing: [],
    changesToExisting: [],
    token: null,
    ...((input.kind === "firehose" && input.apiActivity) || input.kind === "apiActivity"
      ? { apiActivity: { trail: null } }
      : {}),
  };
}
