import {
  type FixAction,
  type FixResponse,
  isFieldError,
  type ParsedDestinationArn,
  parseDestinationArn,
  planBucketPolicy,
  planLogGroupPolicy,
  planLogGroupScopedPolicy,
} from "@clc/domain";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import { type Deadline, withDeadline } from "../../aws/deadline.ts";
import { AwsCallError } from "../../aws/errors.ts";
import type { FirehoseGateway } from "../../aws/firehose-gateway.ts";
import type { LogsGateway } from "../../aws/logs-gateway.ts";
import type { S3Gateway } from "../../aws/s3-gateway.ts";
import {
  type BucketPolicyStore,
  type DeliveryPolicyWriter,
  type LogGroupPolicyScope,
  type LogPolicyStore,
  PolicyWriteError,
} from "../../lib/delivery-policies.ts";
import { badRequest, ServiceError } from "../../lib/errors.ts";
import { requireConfiguredRegion } from "../../lib/regions.ts";
import type { WriteTrail } from "../audit/trail.ts";
import type { DestinationService } from "../destinations/service.ts";
import type { AccountFleet } from "../fleet/service.ts";
import type { LogDeliveryService } from "../pools/service.ts";
import { type Outcome, run, unchanged, writeNotChecked, writeNotKept } from "./outcome.ts";
import { enableThreatProtection } from "./threat-protection.ts";

export interface FixesService {
  /**
   * All its AWS calls share the user request's deadline. `policyScope` (add-log-group-policy only):
   * where the grant goes, the log group's own policy (default) or an account-level slot.
   */
  apply(
    poolId: string,
    action: FixAction,
    target: string,
    trail: WriteTrail,
    deadline: Deadline,
    options?: { policyScope?: LogGroupPolicyScope },
  ): Promise<FixResponse>;
}

export interface FixesDeps {
  regions: readonly string[];
  accountId(deadline?: Deadline): Promise<string>;
  cognito: Pick<CognitoGateway, "describeUserPoolSettings" | "updateUserPool">;
  logs: Pick<
    LogsGateway,
    "describeResourcePolicies" | "describeLogGroupPolicy" | "putResourcePolicy" | "putLogGroupPolicy"
  >;
  firehose: Pick<FirehoseGateway, "listTags" | "tagDeliveryStream">;
  s3: Pick<S3Gateway, "bucketRegion" | "getBucketPolicy" | "putBucketPolicy">;
  destinations: Pick<DestinationService, "invalidate">;
  fleet: Pick<AccountFleet, "invalidate">;
  logDelivery: Pick<LogDeliveryService, "detail">;
  /** Serialized, revision-checked, read-back writes of the shared policy documents (shared with creation). */
  policies: DeliveryPolicyWriter;
  /** Budget of the pool read after a fix (the fix is done and audited; the read must not fail it). */
  confirmBudgetMs: number;
}

const EXPECTED_KIND = {
  "add-log-group-policy": "logGroup",
  "tag-firehose-stream": "firehose",
  "add-bucket-policy": "s3",
} as const;

/**
 * The fixes the console offers for preflight findings. Each checks its target before any AWS call,
 * records an audit attempt, changes one thing, and answers the pool judged again.
 */
export function createFixesService(deps: FixesDeps): FixesService {
  function targetArn(
    action: Exclude<FixAction, "enable-threat-protection">,
    target: string,
    poolRegion: string,
  ): ParsedDestinationArn {
    const parsed = parseDestinationArn(target, "body.target");
    const kind = EXPECTED_KIND[action];
    if (isFieldError(parsed) || parsed.kind !== kind) {
      throw badRequest(
        `The target of ${action} must be a ${kind === "s3" ? "bucket" : kind === "logGroup" ? "log group" : "Firehose stream"} ARN.`,
        [
          {
            path: "body.target",
            message: isFieldError(parsed)
              ? parsed.message
              : `Expected a ${kind} ARN, got a ${parsed.kind} ARN.`,
          },
        ],
      );
    }
    if (parsed.region && parsed.region !== poolRegion) {
      throw badRequest(`${target} is in ${parsed.region}, but the pool is in ${poolRegion}.`, [
        { path: "body.target", message: "Fix destinations in the pool's own region." },
      ]);
    }
    return parsed;
  }

  function logPolicyStore(region: string, deadline: Deadline): LogPolicyStore {
    return {
      accountPolicies: () => deps.logs.describeResourcePolicies(region, deadline),
      logGroupPolicy: (arn) => deps.logs.describeLogGroupPolicy(region, arn, deadline),
      putAccountPolicy: async (name, document) =>
        (await deps.logs.putResourcePolicy(region, name, document, deadline)).requestId,
      putLogGroupPolicy: async (arn, document, revision) =>
        (await deps.logs.putLogGroupPolicy(region, arn, document, revision, deadline)).requestId,
    };
  }

  /** The writer's refusals in the user's terms: 422 when it cannot be done, 409 when others keep writing. */
  function asProblem(error: unknown): unknown {
    if (!(error instanceof PolicyWriteError)) return error;
    return error.code === "impossible"
      ? new ServiceError("not-possible", "fix-not-possible", "The policy cannot be changed safely", {
          detail: error.message,
          hint: error.hint,
        })
      : new ServiceError("conflict", "policy-conflict", "The policy keeps changing", {
          detail: error.message,
          hint: error.hint,
        });
  }

  async function addLogGroupPolicy(
    region: string,
    poolId: string,
    logGroupArn: string,
    logGroup: ParsedDestinationArn,
    accountId: string,
    scope: LogGroupPolicyScope,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<Outcome> {
    const store = logPolicyStore(region, deadline);
    // A first look decides whether there is anything to do and what the audit's attempt announces;
    // the write itself re-reads under the document's key.
    let accountPolicies: Awaited<ReturnType<LogPolicyStore["accountPolicies"]>>;
    let own: Awaited<ReturnType<LogPolicyStore["logGroupPolicy"]>>;
    try {
      [accountPolicies, own] = await Promise.all([
        store.accountPolicies(),
        store.logGroupPolicy(logGroupArn),
      ]);
    } catch (error) {
      if (error instanceof AwsCallError && error.code === "ResourceNotFoundException") {
        throw new ServiceError("not-found", "not-found", "Log group not found", {
          detail: `The log group ${logGroup.name} does not exist in ${region} (or the console cannot see it).`,
        });
      }
      throw error;
    }
    const scoped = planLogGroupScopedPolicy({ logGroupArn, accountPolicies, logGroupPolicy: own });
    if (scoped.action === "none") return unchanged(scoped.reason, null);
    const intended =
      scope === "account" ? planLogGroupPolicy({ logGroupArn, resourcePolicies: accountPolicies }) : scoped;
    if (intended.action === "impossible") {
      throw new ServiceError("not-possible", "fix-not-possible", "The policy cannot be added", {
        detail: intended.reason,
      });
    }
    const before =
      scope === "account" && "policyName" in intended
        ? (accountPolicies.find((p) => p.policyName === intended.policyName)?.policyDocument ?? null)
        : (own?.policyDocument ?? null);
    const planned = "policyDocument" in intended ? intended.policyDocument : null;
    return run(region, poolId, trail, before, planned, async () => {
      const written = await deps.policies
        .ensureLogGroupDelivery(store, { accountId, region, logGroupArn, scope })
        .catch((error: unknown) => {
          throw asProblem(error);
        });
      if (!written.changed) return unchanged(written.message, before);
      return {
        changed: true,
        message:
          written.scope === "log-group"
            ? `${written.message.replace(/\.$/, "")} (${logGroup.name}).`
            : `${written.message} Log delivery can now write to ${logGroup.name}.`,
        before: written.before,
        after: written.after,
        awsRequestId: written.requestId,
      };
    });
  }

  async function tagFirehoseStream(
    region: string,
    poolId: string,
    stream: ParsedDestinationArn,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<Outcome> {
    const tags = { LogDeliveryEnabled: "true" };
    // The audit shows the stream's tags before and after (TagDeliveryStream adds to them; the
    // others are kept), read from AWS, not the tag alone against a null before.
    const before = await deps.firehose.listTags(region, stream.name, deadline);
    if (before.LogDeliveryEnabled === "true") {
      return unchanged(`${stream.name} is already tagged LogDeliveryEnabled=true.`, before);
    }
    return run(region, poolId, trail, before, { ...before, ...tags }, async () => {
      const { requestId } = await deps.firehose.tagDeliveryStream(region, stream.name, tags, deadline);
      const after = await deps.firehose.listTags(region, stream.name, deadline).catch((error: unknown) => {
        throw writeNotChecked(
          requestId,
          `TagDeliveryStream was accepted for ${stream.name}, but its tags could not be read back (${error instanceof Error ? error.message : String(error)}).`,
          "Reload the pool: its findings say whether the stream carries the tag.",
        );
      });
      if (after.LogDeliveryEnabled !== "true") {
        throw writeNotKept(
          after,
          requestId,
          `TagDeliveryStream was accepted for ${stream.name}, but reading its tags back, LogDeliveryEnabled is ${JSON.stringify(after.LogDeliveryEnabled ?? null)}.`,
          "Tag the stream LogDeliveryEnabled=true in the AWS console, then reload the pool.",
        );
      }
      return {
        changed: true,
        message: `Tagged ${stream.name} with LogDeliveryEnabled=true.`,
        before,
        after,
        awsRequestId: requestId,
      };
    });
  }

  async function addBucketPolicy(
    region: string,
    poolId: string,
    bucket: ParsedDestinationArn,
    accountId: string,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<Outcome> {
    const bucketRegion = (await deps.s3.bucketRegion(region, bucket.name, deadline)) ?? null;
    if (bucketRegion === null) {
      throw new ServiceError("not-found", "not-found", "Bucket not found", {
        detail: `The bucket ${bucket.name} does not exist or is not visible to the console.`,
      });
    }
    const store: BucketPolicyStore = {
      bucketPolicy: () => deps.s3.getBucketPolicy(bucketRegion, bucket.name, deadline),
      putBucketPolicy: async (document) =>
        (await deps.s3.putBucketPolicy(bucketRegion, bucket.name, document, deadline)).requestId,
    };
    // A first look for the audit's attempt; the write re-reads under the bucket's key.
    const existing = await store.bucketPolicy();
    const plan = planBucketPolicy({ existingPolicy: existing, bucket: bucket.name, region, accountId });
    if (plan.action === "impossible") {
      throw new ServiceError(
        "not-possible",
        "fix-not-possible",
        "The bucket policy cannot be changed safely",
        {
          detail: plan.reason,
        },
      );
    }
    if (plan.action === "none") return unchanged(plan.reason, existing);
    return run(region, poolId, trail, existing, plan.policyDocument, async () => {
      const written = await deps.policies
        .ensureBucketDelivery(store, { accountId, region, bucket: bucket.name })
        .catch((error: unknown) => {
          throw asProblem(error);
        });
      if (!written.changed) return unchanged(written.message, written.before);
      return {
        changed: true,
        message: `Added the log delivery statements to the policy of ${bucket.name}.`,
        before: written.before,
        after: written.after,
        awsRequestId: written.requestId,
      };
    });
  }

  /** A fix on a destination of the pool's own account and region. */
  async function fixDestination(
    region: string,
    poolId: string,
    action: Exclude<FixAction, "enable-threat-protection">,
    target: string,
    trail: WriteTrail,
    deadline: Deadline,
    scope: LogGroupPolicyScope,
  ): Promise<Outcome> {
    const parsed = targetArn(action, target, region);
    const accountId = await deps.accountId(deadline);
    if (parsed.accountId && parsed.accountId !== accountId) {
      throw badRequest(`${target} belongs to account ${parsed.accountId}, not ${accountId}.`, [
        { path: "body.target", message: "The console can only change resources of its own account." },
      ]);
    }
    const outcome =
      action === "add-log-group-policy"
        ? await addLogGroupPolicy(region, poolId, target, parsed, accountId, scope, trail, deadline)
        : action === "tag-firehose-stream"
          ? await tagFirehoseStream(region, poolId, parsed, trail, deadline)
          : await addBucketPolicy(region, poolId, parsed, accountId, trail, deadline);
    // A log group's delivery policy lives in the region's resource policies, which are cached too.
    deps.destinations.invalidate(target, action === "add-log-group-policy" ? region : undefined);
    return outcome;
  }

  return {
    async apply(poolId, action, target, trail, deadline, options = {}) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      let outcome: Outcome;
      if (action === "enable-threat-protection") {
        outcome = await enableThreatProtection(deps, region, poolId, target, trail, deadline);
        deps.fleet.invalidate(poolId);
      } else {
        outcome = await fixDestination(
          region,
          poolId,
          action,
          target,
          trail,
          deadline,
          options.policyScope ?? "log-group",
        );
      }
      return {
        action,
        target,
        changed: outcome.changed,
        message: outcome.message,
        pool: await withDeadline(
          deps.confirmBudgetMs,
          (own) => deps.logDelivery.detail(poolId, own),
          "write",
        ),
      };
    },
  };
}
