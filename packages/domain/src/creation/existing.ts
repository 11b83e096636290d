/**
 * What already exists under the names a plan would create, judged before anything runs: a resource
 * is reused only when it is exactly what the plan would make (type, destination, endpoint, bucket,
 * role, region); anything else with the planned name is a conflict, shown in the plan with what
 * differs. The BFF gathers the facts (ObservedResources) with read-only calls; the judgement here is
 * pure, so the plan, the run's own last-moment check and the tests agree.
 */
import { maskUrlSecrets } from "../url-secrets.ts";
import { proposeFirehoseRoleName } from "./names.ts";
import type { CreationPlan, PlanContext, ResourceType } from "./plan.ts";
import { FIREHOSE_ROLE_POLICY_NAME } from "./policies.ts";
import { type CreationInput, LOG_DELIVERY_ENABLED_TAG } from "./schemas.ts";

/** Where an existing Firehose stream sends its records (from DescribeDeliveryStream). */
export type ObservedStreamDestination =
  | { kind: "s3"; bucketArn: string | null; roleArn: string | null }
  | { kind: "http"; url: string | null; roleArn: string | null; backupBucketArn: string | null }
  | { kind: "other"; what: string };

export interface ObservedStream {
  /** DeliveryStreamType: `DirectPut`, `KinesisStreamAsSource`, … */
  type: string;
  destination: ObservedStreamDestination;
  tags: Record<string, string>;
}

/** Facts about the planned names; `null` = nothing of that name, absent = not looked up. */
export interface ObservedResources {
  /** `retentionInDays` null: events never expire (DescribeLogGroups leaves it out). */
  logGroup?: { kmsKeyId: string | null; retentionInDays: number | null } | null;
  /** HeadBucket from the pool's region; `region` from x-amz-bucket-region. */
  bucket?: { state: "missing" } | { state: "exists"; region: string | null } | { state: "taken" };
  role?: { arn: string; trustsFirehose: boolean } | null;
  stream?: ObservedStream | null;
}

/** Which of the planned resources an earlier attempt of the same run created (its ledger). */
export interface MadeByRun {
  logGroup?: boolean;
  bucket?: boolean;
  role?: boolean;
  stream?: boolean;
  /** The API-activity route's role and rule (api-activity.ts). */
  eventsRole?: boolean;
  eventsRule?: boolean;
}

export interface ExistingCheck {
  type: ResourceType;
  name: string;
  /** `new`: nothing there, the run creates it; `reuse`: exactly what the plan makes; `conflict`: something else. */
  state: "new" | "reuse" | "conflict";
  message: string;
  /** For a conflict: each way the existing resource differs from the plan (URLs masked). */
  differences: string[];
}

export interface ExistingJudgement {
  checks: ExistingCheck[];
  /** Changes the run would make to resources it did not create; the user confirms them before it runs. */
  changesToExisting: string[];
}

const bucketName = (arn: string | null): string | null => (arn ? arn.replace(/^arn:[^:]+:s3:::/, "") : null);

/** The bucket a plan writes to (or keeps refused records in), and whether the run creates it. */
export function plannedBucket(input: CreationInput): { name: string; create: boolean } | null {
  if (input.kind === "s3") return { name: input.bucket.name, create: true };
  if (input.kind !== "firehose") return null;
  const choice = input.target.type === "s3" ? input.target.bucket : input.target.backupBucket;
  return { name: choice.name, create: choice.mode === "create" };
}

export function plannedRoleName(input: CreationInput): string | null {
  return input.kind === "firehose" ? (input.roleName ?? proposeFirehoseRoleName(input.streamName)) : null;
}

/**
 * How an existing stream differs from the one the plan would create; empty when it is the same
 * stream (DirectPut, same destination type, same bucket or endpoint, same backup bucket, same role,
 * tagged for log delivery). The region is the same by construction (it is looked up there).
 */
export function streamDifferences(
  input: CreationInput,
  ctx: Pick<PlanContext, "partition" | "accountId">,
  stream: ObservedStream,
): string[] {
  if (input.kind !== "firehose") return [];
  const differences: string[] = [];
  const roleName = plannedRoleName(input);
  const roleArn = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${roleName}`;
  const bucket = plannedBucket(input)?.name ?? "";
  if (stream.type !== "DirectPut") {
    differences.push(`Its source is ${stream.type}; log delivery needs a DirectPut stream.`);
  }
  const d = stream.destination;
  if (input.target.type === "s3") {
    if (d.kind !== "s3") {
      differences.push(
        d.kind === "http"
          ? `It posts to ${maskUrlSecrets(d.url ?? "an HTTP endpoint")}; the plan writes to s3://${bucket}.`
          : `It delivers to ${d.what}; the plan writes to s3://${bucket}.`,
      );
    } else {
      if (bucketName(d.bucketArn) !== bucket) {
        differences.push(
          `It writes to s3://${bucketName(d.bucketArn) ?? "?"}; the plan writes to s3://${bucket}.`,
        );
      }
      if (d.roleArn !== roleArn)
        differences.push(`It uses role ${d.roleArn ?? "(none)"}; the plan uses ${roleArn}.`);
    }
  } else {
    const url = input.target.url;
    if (d.kind !== "http") {
      differences.push(
        d.kind === "s3"
          ? `It writes to s3://${bucketName(d.bucketArn) ?? "?"}; the plan posts to ${maskUrlSecrets(url)}.`
          : `It delivers to ${d.what}; the plan posts to ${maskUrlSecrets(url)}.`,
      );
    } else {
      if (d.url !== url) {
        differences.push(
          `It posts to ${maskUrlSecrets(d.url ?? "(no URL)")}; the plan posts to ${maskUrlSecrets(url)}.`,
        );
      }
      if (bucketName(d.backupBucketArn) !== bucket) {
        differences.push(
          `It keeps refused records in s3://${bucketName(d.backupBucketArn) ?? "?"}; the plan keeps them in s3://${bucket}.`,
        );
      }
      if (d.roleArn !== roleArn)
        differences.push(`It uses role ${d.roleArn ?? "(none)"}; the plan uses ${roleArn}.`);
    }
  }
  if (stream.tags[LOG_DELIVERY_ENABLED_TAG.key] !== LOG_DELIVERY_ENABLED_TAG.value) {
    differences.push(
      `It is not tagged ${LOG_DELIVERY_ENABLED_TAG.key}=${LOG_DELIVERY_ENABLED_TAG.value}, and the console does not tag a stream it did not create.`,
    );
  }
  return differences;
}

const check =
  (state: ExistingCheck["state"]) =>
  (type: ResourceType, name: string, message: string, differences: string[] = []): ExistingCheck => ({
    type,
    name,
    state,
    message,
    differences,
  });
/** Nothing of that name: the run creates it. */
const fresh = check("new");
/** Exactly what the plan makes: the run uses it as it is. */
const reused = check("reuse");
/** Something else under the planned name, with each way it differs. */
const conflict = check("conflict");

/**
 * Judges what exists under each planned name. Pure. `madeByRun` marks what an earlier attempt of the
 * same run created: that is reused without being a change to someone else's resource.
 */
export function judgeExisting(
  input: CreationInput,
  ctx: PlanContext,
  observed: ObservedResources,
  madeByRun: MadeByRun = {},
): ExistingJudgement {
  const checks: ExistingCheck[] = [];
  const changesToExisting: string[] = [];

  if (input.kind === "logGroup" && observed.logGroup !== undefined) {
    const name = input.logGroupName;
    if (observed.logGroup === null) {
      checks.push(fresh("logGroup", name, `Log group ${name} will be created.`));
    } else if (observed.logGroup.kmsKeyId) {
      checks.push(
        conflict(
          "logGroup",
          name,
          `A log group named ${name} exists and is KMS-encrypted; Cognito cannot deliver to it.`,
          [`It is encrypted with ${observed.logGroup.kmsKeyId}; the plan makes an unencrypted group.`],
        ),
      );
    } else if (!madeByRun.logGroup && observed.logGroup.retentionInDays !== input.retentionInDays) {
      // Reusing it would leave the retention the user asked for unapplied (the run does not change
      // a log group it did not create): another log group, not the planned one.
      const days = (d: number | null) => (d === null ? "never expire" : `are kept ${d} days`);
      checks.push(
        conflict(
          "logGroup",
          name,
          `A log group named ${name} exists with another retention; the run will not use or change it.`,
          [
            `Its events ${days(observed.logGroup.retentionInDays)}; the plan's ${days(input.retentionInDays)}.`,
          ],
        ),
      );
    } else {
      checks.push(
        reused(
          "logGroup",
          name,
          madeByRun.logGroup
            ? `Log group ${name} was created by an earlier attempt of this run.`
            : `Log group ${name} exists with this retention; it is reused as it is (its tags are not changed).`,
        ),
      );
      if (!madeByRun.logGroup && input.resourcePolicyScope === "log-group") {
        changesToExisting.push(
          `Adds a statement letting delivery.logs.amazonaws.com write to the policy of the existing log group ${name}, unless a policy already allows it (its other statements are kept; cleanup takes the statement back out).`,
        );
      }
    }
  }

  const bucket = plannedBucket(input);
  if (bucket && observed.bucket !== undefined) {
    const b = observed.bucket;
    const name = bucket.name;
    if (b.state === "taken") {
      checks.push(
        conflict(
          "bucket",
          name,
          `The bucket name ${name} is taken by another AWS account (bucket names are global).`,
          ["It belongs to another account."],
        ),
      );
    } else if (b.state === "exists" && b.region !== null && b.region !== ctx.region) {
      checks.push(
        conflict(
          "bucket",
          name,
          `This account's bucket ${name} is in ${b.region}; log delivery needs one in ${ctx.region}.`,
          [`It is in ${b.region}; the plan needs ${ctx.region}.`],
        ),
      );
    } else if (b.state === "missing") {
      checks.push(
        bucket.create
          ? fresh("bucket", name, `Bucket ${name} will be created in ${ctx.region}.`)
          : conflict("bucket", name, `The bucket ${name} does not exist.`, [
              "The plan uses an existing bucket, and there is none of this name.",
            ]),
      );
    } else {
      checks.push(
        reused(
          "bucket",
          name,
          madeByRun.bucket
            ? `Bucket ${name} was created by an earlier attempt of this run.`
            : `Bucket ${name} exists in ${ctx.region}; it is used as it is (its public access, lifecycle and tags are not changed).`,
        ),
      );
      if (input.kind === "s3" && !madeByRun.bucket) {
        changesToExisting.push(
          `Adds two statements letting delivery.logs.amazonaws.com write to the policy of the existing bucket ${name} (its other statements are kept; cleanup takes the two back out).`,
        );
      }
    }
  }

  const roleName = plannedRoleName(input);
  if (roleName && observed.role !== undefined) {
    if (observed.role === null) {
      checks.push(fresh("role", roleName, `Role ${roleName} will be created.`));
    } else if (!observed.role.trustsFirehose) {
      checks.push(
        conflict("role", roleName, `A role named ${roleName} exists, but Firehose may not assume it.`, [
          "Its trust policy does not let firehose.amazonaws.com assume it.",
        ]),
      );
    } else {
      checks.push(
        reused(
          "role",
          roleName,
          madeByRun.role
            ? `Role ${roleName} was created by an earlier attempt of this run.`
            : `Role ${roleName} exists and Firehose may assume it; it is reused.`,
        ),
      );
      if (!madeByRun.role) {
        changesToExisting.push(
          `Sets the inline policy ${FIREHOSE_ROLE_POLICY_NAME} of the existing role ${roleName} (write access to s3://${bucket?.name ?? "?"} only); cleanup leaves the role and this policy in place.`,
        );
      }
    }
  }

  if (input.kind === "firehose" && observed.stream !== undefined) {
    const name = input.streamName;
    if (observed.stream === null) {
      checks.push(fresh("stream", name, `Stream ${name} will be created.`));
    } else {
      const differences = streamDifferences(input, ctx, observed.stream);
      checks.push(
        differences.length > 0
          ? conflict(
              "stream",
              name,
              `A stream named ${name} already exists and is not the one this plan would create; the run will not use or change it.`,
              differences,
            )
          : reused(
              "stream",
              name,
              madeByRun.stream
                ? `Stream ${name} was created by an earlier attempt of this run.`
                : `Stream ${name} exists with exactly this destination, role and tag; it is reused as it is.`,
            ),
      );
    }
  }
  return { checks, changesToExisting };
}

/** The plan's conflicts: resources under planned names that the run may not use. */
export function planConflicts(plan: Pick<CreationPlan, "existing">): ExistingCheck[] {
  return plan.existing.filter((c) => c.state === "conflict");
}
