/**
 * A creation run's plan: where the pool is (partition, region, account, tier), the plan for an input,
 * and what already exists under the planned names (read-only AWS calls). Used by service.ts.
 */
import { createHash } from "node:crypto";
import {
  apiActivityRoleName,
  apiActivityRuleName,
  type BucketAvailabilityResponse,
  bucketNameProblem,
  buildCreationPlan,
  type CreationInput,
  type CreationPlan,
  creationFingerprint,
  type ExistingCheck,
  FIREHOSE_SERVICE_PRINCIPAL,
  judgeApiActivity,
  judgeExisting,
  type MadeByRun,
  type ObservedApiActivity,
  type ObservedResources,
  type PlanContext,
  plannedBucket,
  plannedRoleName,
  trailCheckOf,
  trustsEvents,
} from "@clc/domain";
import type { Deadline } from "../../aws/deadline.ts";
import { ServiceError } from "../../lib/errors.ts";
import { requireConfiguredRegion } from "../../lib/regions.ts";
import { trailRecords } from "../freshness/checks.ts";
import { findLogGroup, findStream } from "./lookups.ts";
import type { CreationServiceDeps } from "./service.ts";
import type { CreationAws } from "./steps.ts";

/** Where a pool is, and its feature plan (tier). */
export type Place = PlanContext & { tier: string };

export interface Planner {
  /** Where the pool is: in `accountId` (default: the console's own account), read through its gateways. */
  placeOf(poolId: string, deadline: Deadline, accountId?: string): Promise<Place>;
  /**
   * The gateways of an account and the role they act through (null: the console's own
   * credentials): the own account's for its id, a member's through CreationServiceDeps.accountScope.
   */
  scopeOf(accountId: string, deadline?: Deadline): Promise<{ aws: CreationAws; roleArn: string | null }>;
  inspectedPlan(
    input: CreationInput,
    place: Place,
    madeByRun: MadeByRun,
    deadline: Deadline,
  ): Promise<CreationPlan>;
  bucketAvailability(
    poolId: string,
    name: string,
    deadline: Deadline,
    accountId?: string,
  ): Promise<BucketAvailabilityResponse>;
}

function planFor(input: CreationInput, place: Place): CreationPlan {
  const plan = buildCreationPlan(input, place);
  // API activity comes through CloudTrail and EventBridge, whatever the pool's plan.
  if (input.kind !== "apiActivity" && input.eventSource === "userAuthEvents" && place.tier !== "PLUS") {
    plan.notes.unshift(
      `This pool is on the ${place.tier} plan: user activity is exported only from Plus pools, so this destination would receive nothing until the pool moves to Plus.`,
    );
  }
  return plan;
}

/** A stable identifier of what the user sees in a plan (no secret: the input is hashed). */
function planToken(input: CreationInput, plan: CreationPlan): string {
  return createHash("sha256")
    .update(
      JSON.stringify({
        input: creationFingerprint(input),
        steps: plan.steps.map((s) => s.id),
        existing: plan.existing,
        changes: plan.changesToExisting,
      }),
    )
    .digest("base64url")
    .slice(0, 32);
}

const trustsFirehose = (document: string) =>
  document.includes(FIREHOSE_SERVICE_PRINCIPAL) && document.includes("sts:AssumeRole");

export function createPlanner(
  deps: Pick<CreationServiceDeps, "aws" | "regions" | "accountId" | "accountScope">,
): Planner {
  async function scopeOf(accountId: string, deadline?: Deadline) {
    if (accountId === (await deps.accountId(deadline))) return { aws: deps.aws, roleArn: null };
    if (!deps.accountScope) {
      throw new ServiceError("not-found", "account-not-found", "Not found", {
        detail: `The console reads no account ${accountId}.`,
        hint: "Choose a pool of an account the Accounts page lists.",
      });
    }
    return deps.accountScope(accountId, deadline);
  }

  async function placeOf(poolId: string, deadline: Deadline, chosen?: string): Promise<Place> {
    // The configured regions only, as every other pool route: the region names the clients to use.
    const region = requireConfiguredRegion(poolId, deps.regions);
    const accountId = chosen ?? (await deps.accountId(deadline));
    const { aws } = await scopeOf(accountId, deadline);
    const pool = await aws.cognito.describeUserPool(region, poolId, deadline);
    const partition = /^arn:([^:]+):/.exec(pool.arn)?.[1] ?? "aws";
    return { partition, region, accountId, poolId, tier: pool.tier };
  }

  /**
   * The plan with what exists under each planned name, read with Describe/Head/Get calls only, and
   * judged by `judgeExisting`: exact matches are reused, anything else is a conflict.
   */
  async function inspectedPlan(
    input: CreationInput,
    place: Place,
    madeByRun: MadeByRun,
    deadline: Deadline,
  ): Promise<CreationPlan> {
    const plan = planFor(input, place);
    const { aws } = await scopeOf(place.accountId, deadline);
    const observed: ObservedResources = {};
    const reads: Promise<unknown>[] = [];
    if (input.kind === "logGroup") {
      reads.push(
        findLogGroup(aws.logs, place.region, input.logGroupName, deadline).then((found) => {
          observed.logGroup = found
            ? { kmsKeyId: found.kmsKeyId, retentionInDays: found.retentionInDays }
            : null;
        }),
      );
    }
    const bucket = plannedBucket(input);
    if (bucket) {
      reads.push(
        aws.s3.headBucket(place.region, bucket.name, deadline).then((lookup) => {
          observed.bucket = lookup;
        }),
      );
    }
    const roleName = plannedRoleName(input);
    if (roleName) {
      reads.push(
        aws.iam.getRole(roleName, deadline).then((role) => {
          observed.role = role
            ? { arn: role.arn, trustsFirehose: trustsFirehose(role.assumeRolePolicyDocument) }
            : null;
        }),
      );
    }
    if (input.kind === "firehose") {
      reads.push(
        findStream(aws.firehose, place.region, input.streamName, deadline).then(async (stream) => {
          observed.stream = stream
            ? {
                type: stream.type,
                destination: stream.destination,
                tags: await aws.firehose.listTags(place.region, input.streamName, deadline),
              }
            : null;
        }),
      );
    }
    const routedStream =
      (input.kind === "firehose" && input.apiActivity) || input.kind === "apiActivity"
        ? input.streamName
        : null;
    const route = routedStream ? inspectApiActivity(routedStream, place, deadline) : null;
    const existingStream =
      input.kind === "apiActivity" ? existingStreamCheck(input.streamName, place, deadline) : null;
    await Promise.all(reads);
    const judgement = judgeExisting(input, place, observed, madeByRun);
    plan.existing = judgement.checks;
    plan.changesToExisting = judgement.changesToExisting;
    if (existingStream) plan.existing.push(await existingStream);
    if (route && routedStream) {
      const { observed: routeObserved, trail } = await route;
      const routeJudgement = judgeApiActivity(routedStream, routeObserved, madeByRun);
      plan.existing.push(...routeJudgement.checks);
      plan.changesToExisting.push(...routeJudgement.changesToExisting);
      plan.apiActivity = { trail };
      if (trail.state !== "recording") plan.notes.unshift(trail.message);
    }
    plan.token = planToken(input, plan);
    return plan;
  }

  /**
   * A route to an existing stream (issue 15): the stream must exist and be ACTIVE, or the plan has a
   * conflict and cannot run (409). It is only read (DescribeDeliveryStream).
   */
  async function existingStreamCheck(name: string, place: Place, deadline: Deadline): Promise<ExistingCheck> {
    const stream = await findStream(deps.aws.firehose, place.region, name, deadline);
    if (!stream) {
      return {
        type: "stream",
        name,
        state: "conflict",
        message: `There is no Firehose stream ${name} in ${place.region}.`,
        differences: [
          "Check the name and the region, or create the stream first (the wizard can create one).",
        ],
      };
    }
    if (stream.status !== "ACTIVE") {
      return {
        type: "stream",
        name,
        state: "conflict",
        message: `The Firehose stream ${name} is ${stream.status}, not ACTIVE.`,
        differences: ["Wait until it is ACTIVE, then plan again."],
      };
    }
    return {
      type: "stream",
      name,
      state: "reuse",
      message: `The stream ${name} exists and is ACTIVE; it is only read, never changed.`,
      differences: [],
    };
  }

  /** The route's role and rule as they are, and whether a trail records Cognito's calls in the region (reads only). */
  async function inspectApiActivity(streamName: string, place: Place, deadline: Deadline) {
    const aws = deps.aws;
    const [role, rule, found] = await Promise.all([
      aws.iam.getRole(apiActivityRoleName(streamName), deadline),
      aws.events.describeRule(place.region, apiActivityRuleName(streamName), deadline),
      trailRecords(aws, place.region, deadline),
    ]);
    const observed: ObservedApiActivity = {
      role: role ? { trustsEvents: trustsEvents(role.assumeRolePolicyDocument) } : null,
      rule: rule
        ? {
            eventPattern: rule.eventPattern,
            tags: await aws.events.ruleTags(place.region, rule.arn, deadline),
          }
        : null,
    };
    return { observed, trail: trailCheckOf(place.region, found) };
  }

  async function bucketAvailability(
    poolId: string,
    name: string,
    deadline: Deadline,
    accountId?: string,
  ): Promise<BucketAvailabilityResponse> {
    const problem = bucketNameProblem(name);
    if (problem) return { name, state: "invalid", message: problem };
    const place = await placeOf(poolId, deadline, accountId);
    const { aws } = await scopeOf(place.accountId, deadline);
    const lookup = await aws.s3.headBucket(place.region, name, deadline);
    if (lookup.state === "missing") return { name, state: "free", message: "The name is free." };
    if (lookup.state === "taken") {
      return {
        name,
        state: "taken",
        message: "Another AWS account owns a bucket with this name; choose another.",
      };
    }
    if (lookup.region !== null && lookup.region !== place.region) {
      return {
        name,
        state: "taken",
        message: `This account's bucket ${name} is in ${lookup.region}; log delivery needs one in ${place.region}.`,
      };
    }
    return {
      name,
      state: "ours",
      message: `This account already has this bucket in ${place.region}; it will be reused.`,
    };
  }

  return { placeOf, scopeOf, inspectedPlan, bucketAvailability };
}
