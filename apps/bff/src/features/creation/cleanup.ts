/**
 * Cleaning up a creation run: what it created or added is taken back, newest first, under the
 * cleanup request's deadline. Shared policy documents are edited under their writer's keys.
 */
import { type CreationRun, withoutAddition } from "@clc/domain";
import type { Deadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import { logPolicyStore } from "./lookups.ts";
import { errorText, now, type RunKeeper, type RunRecord, snapshot, trailOf } from "./runs.ts";
import type { CreationServiceDeps, CreationTrail } from "./service.ts";
import { StepFailure, type UndoRecord } from "./steps.ts";

type CleanupDeps = Pick<CreationServiceDeps, "aws" | "policies">;

/** Takes back one thing a run created or added, under the cleanup request's deadline. */
async function undo(
  deps: CleanupDeps,
  run: RunRecord,
  record: UndoRecord,
  deadline: Deadline,
): Promise<string> {
  const { logs, s3, iam, firehose, events } = deps.aws;
  switch (record.type) {
    case "eventsTarget":
      return (await events.removeTargets(record.region, record.name, [record.targetId], deadline)) ===
        "removed"
        ? `Removed the stream from rule ${record.name}'s targets.`
        : `Rule ${record.name} was already gone.`;
    case "eventsRule":
      await events.deleteRule(record.region, record.name, deadline);
      return `Deleted rule ${record.name}.`;

    case "stream":
      return (await firehose.deleteDeliveryStream(record.region, record.name, deadline)) === "deleted"
        ? `Deleted stream ${record.name}.`
        : `Stream ${record.name} was already gone.`;
    case "rolePolicy":
    case "eventsRolePolicy":
      await iam.deleteRolePolicy(record.roleName, record.policyName, deadline);
      return `Deleted inline policy ${record.policyName} of role ${record.roleName}.`;
    case "role":
    case "eventsRole":
      return (await iam.deleteRole(record.name, deadline)) === "deleted"
        ? `Deleted role ${record.name}.`
        : `Role ${record.name} was already gone.`;
    case "bucketPolicy":
      // Under the bucket policy's key, so a concurrent fix or run does not lose its statements.
      return deps.policies.withBucketPolicy(record.bucket, async () => {
        const current = await s3
          .getBucketPolicy(record.region, record.bucket, deadline)
          .catch((error: unknown) => {
            if (error instanceof AwsCallError && error.code === "NoSuchBucket") return null;
            throw error;
          });
        if (current === null) return "The bucket policy was already gone.";
        const result = withoutAddition(current, record.addition);
        if (result.document === null) await s3.deleteBucketPolicy(record.region, record.bucket, deadline);
        else await s3.putBucketPolicy(record.region, record.bucket, result.document, deadline);
        return "Took the console's statements back out of the bucket policy.";
      });
    case "logGroupPolicy": {
      const outcome = await deps.policies.takeBackFromLogGroupPolicy(
        {
          ...logPolicyStore({ aws: deps.aws, region: record.region, deadline }),
          deleteLogGroupPolicy: (arn, revision) =>
            logs.deleteLogGroupPolicy(record.region, arn, revision, deadline),
        },
        record.logGroupArn,
        record.addition,
      );
      if (outcome === "gone") return "The log group's resource policy was already gone.";
      if (outcome === "unchanged") return "The console's statement was no longer in the log group's policy.";
      return outcome === "deleted"
        ? "Deleted the log group's resource policy (only the console's statement was in it)."
        : "Took the console's statement back out of the log group's resource policy.";
    }
    case "bucket":
      try {
        return (await s3.deleteBucket(record.region, record.name, deadline)) === "deleted"
          ? `Deleted bucket ${record.name}.`
          : `Bucket ${record.name} was already gone.`;
      } catch (error) {
        if (error instanceof AwsCallError && error.code === "BucketNotEmpty") {
          throw new StepFailure(
            "BucketNotEmpty",
            `The bucket ${record.name} holds objects (perhaps delivered logs), so it was kept.`,
            "Empty the bucket if you do not need them, then clean up again.",
          );
        }
        throw error;
      }
    case "resourcePolicy":
      return deps.policies.withAccountPolicies(run.place.accountId, record.region, async () => {
        const policies = await logs.describeResourcePolicies(record.region, deadline);
        const current = policies.find((p) => p.policyName === record.policyName);
        if (!current) return `Resource policy ${record.policyName} was already gone.`;
        const result = withoutAddition(current.policyDocument, record.addition);
        if (result.document === null) {
          await logs.deleteResourcePolicy(record.region, record.policyName, deadline);
          return `Deleted resource policy ${record.policyName}.`;
        }
        if (result.document !== current.policyDocument) {
          await logs.putResourcePolicy(record.region, record.policyName, result.document, deadline);
        }
        return result.kept.length > 0
          ? `Kept the /aws/vendedlogs/* entry in ${record.policyName}: other log groups may rely on it.`
          : `Took the console's entry back out of ${record.policyName}.`;
      });
    case "logGroup":
      return (await logs.deleteLogGroup(record.region, record.name, deadline)) === "deleted"
        ? `Deleted log group ${record.name}.`
        : `Log group ${record.name} was already gone.`;
  }
  return `Nothing to undo for run ${run.id}.`;
}

/**
 * Takes back what the run created, newest first, under the request's deadline (the run is claimed).
 * Once `lost` (the claim's: runs.ts RunHolding.lost) has aborted, nothing more is taken back: what
 * is left is marked failed, to be cleaned up again.
 */
export async function cleanUp(
  deps: CleanupDeps,
  keeper: Pick<RunKeeper, "persist" | "recordOutcome">,
  run: RunRecord,
  requestTrail: CreationTrail,
  deadline: Deadline,
  /** The role the cleanup acts through in the run's account (null: the console's own), for the audit. */
  scope: { roleArn: string | null } = { roleArn: null },
  lost?: AbortSignal,
): Promise<CreationRun> {
  const pending = run.ledger.filter((e) => e.cleanup !== "done");
  const trail = trailOf(requestTrail, "destination.cleanup", run.plan.destination.arn, {
    accountId: run.place.accountId,
    roleArn: scope.roleArn,
  });
  const attemptId = await trail.attempt({
    region: run.place.region,
    poolId: run.input.poolId,
    before: {
      runId: run.id,
      created: pending.map((e) => ({ type: e.record.type, step: e.record.stepId })),
    },
    after: null,
  });
  run.status = "cleaning";
  await keeper.persist(run);
  let firstError: ReturnType<typeof errorText> | null = null;
  for (const entry of [...pending].reverse()) {
    if (lost?.aborted) {
      // Another replica may be cleaning the run up now: two at once would each take back, and
      // record, what the other does.
      const text = {
        code: "ClaimLost",
        message:
          "Not taken back: this replica may have lost the run's claim (another replica took the run over, or the claim could not be renewed in time).",
        hint: "Look at the run again: once no replica is working on it, clean up again.",
        requestId: null,
      };
      entry.cleanup = "failed";
      entry.message = `${text.message} ${text.hint}`;
      firstError ??= text;
      continue;
    }
    try {
      entry.message = await undo(deps, run, entry.record, deadline);
      entry.cleanup = "done";
    } catch (error) {
      const text = errorText(error);
      entry.cleanup = "failed";
      entry.message = text.hint ? `${text.message} ${text.hint}` : text.message;
      firstError ??= text;
    }
  }
  run.status = firstError ? "cleanup-failed" : "cleaned";
  run.updatedAt = now();
  await keeper.persist(run);
  await keeper.recordOutcome("destination.cleanup", run, trail, attemptId, firstError);
  return snapshot(run);
}
