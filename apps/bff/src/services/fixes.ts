import {
  type FixAction,
  type FixResponse,
  isFieldError,
  type ParsedDestinationArn,
  parseDestinationArn,
  planBucketPolicy,
  planLogGroupPolicy,
} from "@clc/domain";
import type { CognitoGateway } from "../aws/cognito-gateway.ts";
import { type Deadline, withDeadline } from "../aws/deadline.ts";
import { AwsCallError } from "../aws/errors.ts";
import type { FirehoseGateway } from "../aws/firehose-gateway.ts";
import type { LogsGateway } from "../aws/logs-gateway.ts";
import type { S3Gateway } from "../aws/s3-gateway.ts";
import { badRequest, HttpProblem } from "../http/problem.ts";
import type { DestinationService } from "./destinations.ts";
import type { FleetService } from "./fleet.ts";
import type { LogDeliveryService, WriteTrail } from "./log-delivery.ts";
import { requireConfiguredRegion } from "./regions.ts";

export interface FixesService {
  /** All its AWS calls share the user request's deadline; each write is sent once. */
  apply(
    poolId: string,
    action: FixAction,
    target: string,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<FixResponse>;
}

export interface FixesDeps {
  regions: readonly string[];
  accountId(deadline?: Deadline): Promise<string>;
  cognito: CognitoGateway;
  logs: LogsGateway;
  firehose: FirehoseGateway;
  s3: S3Gateway;
  destinations: DestinationService;
  fleet: FleetService;
  logDelivery: LogDeliveryService;
  /** Budget of the pool read after a fix (the fix is done and audited; the read must not fail it). */
  confirmBudgetMs: number;
}

const EXPECTED_KIND = {
  "add-log-group-policy": "logGroup",
  "tag-firehose-stream": "firehose",
  "add-bucket-policy": "s3",
} as const;

interface Outcome {
  changed: boolean;
  message: string;
  before: unknown;
  after: unknown;
  awsRequestId: string | null;
}

/** Nothing to do: the target already is as the fix would make it. */
function unchanged(message: string, state: unknown): Outcome {
  return { changed: false, message, before: state, after: state, awsRequestId: null };
}

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

  async function run(
    region: string,
    poolId: string,
    trail: WriteTrail,
    before: unknown,
    intended: unknown,
    change: () => Promise<Outcome>,
  ): Promise<Outcome> {
    const attemptId = await trail.attempt({ region, poolId, before, after: intended });
    try {
      const outcome = await change();
      await trail.outcome(attemptId, {
        region,
        poolId,
        ok: true,
        after: outcome.after,
        error: null,
        awsRequestId: outcome.awsRequestId,
      });
      return outcome;
    } catch (error) {
      await trail.outcome(attemptId, {
        region,
        poolId,
        ok: false,
        after: null,
        error: error instanceof Error ? error.message : String(error),
        awsRequestId: error instanceof AwsCallError ? error.requestId : null,
      });
      throw error;
    }
  }

  async function enableThreatProtection(
    region: string,
    poolId: string,
    target: string,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<Outcome> {
    if (!target.endsWith(`:userpool/${poolId}`) && target !== poolId) {
      throw badRequest("The target of enable-threat-protection must be this pool's ARN.", [
        { path: "body.target", message: `Expected the ARN of ${poolId}.` },
      ]);
    }
    const facts = (await deps.fleet.readPool(region, poolId, { fresh: true, deadline })).facts;
    if (facts.tier !== "PLUS") {
      throw new HttpProblem(422, "fix-not-possible", "Threat protection needs the Plus plan", {
        detail: `${facts.name} is on the ${facts.tier} plan.`,
        errors: [{ path: "threatProtection", message: "Threat protection needs the Plus plan." }],
        hint: "Upgrade the pool to Plus first (in the AWS console).",
      });
    }
    if (facts.threatProtection !== "OFF") {
      return unchanged(`Threat protection is already ${facts.threatProtection}.`, facts.threatProtection);
    }
    return run(region, poolId, trail, "OFF", "AUDIT", async () => {
      // Only the add-ons are sent. On real AWS UpdateUserPool resets settings it is not
      // given, so this must stay the narrowest possible call (see README, "fixes").
      const { requestId } = await deps.cognito.setThreatProtectionAudit(region, poolId, deadline);
      return {
        changed: true,
        message: "Threat protection is now on in audit mode.",
        before: "OFF",
        after: "AUDIT",
        awsRequestId: requestId,
      };
    });
  }

  async function addLogGroupPolicy(
    region: string,
    poolId: string,
    logGroupArn: string,
    logGroup: ParsedDestinationArn,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<Outcome> {
    const policies = await deps.logs.describeResourcePolicies(region, deadline);
    const plan = planLogGroupPolicy({ logGroupArn, resourcePolicies: policies });
    if (plan.action === "impossible") {
      throw new HttpProblem(422, "fix-not-possible", "The policy cannot be added", { detail: plan.reason });
    }
    if (plan.action === "none") return unchanged(plan.reason, null);
    const before = policies.find((p) => p.policyName === plan.policyName)?.policyDocument ?? null;
    return run(region, poolId, trail, before, plan.policyDocument, async () => {
      const { requestId } = await deps.logs.putResourcePolicy(
        region,
        plan.policyName,
        plan.policyDocument,
        deadline,
      );
      return {
        changed: true,
        message: `${plan.action === "create" ? "Created" : "Updated"} the resource policy ${plan.policyName} so log delivery can write to ${logGroup.name}.`,
        before: null,
        after: plan.policyDocument,
        awsRequestId: requestId,
      };
    });
  }

  function tagFirehoseStream(
    region: string,
    poolId: string,
    stream: ParsedDestinationArn,
    trail: WriteTrail,
    deadline: Deadline,
  ): Promise<Outcome> {
    const tags = { LogDeliveryEnabled: "true" };
    return run(region, poolId, trail, null, tags, async () => {
      const { requestId } = await deps.firehose.tagDeliveryStream(region, stream.name, tags, deadline);
      return {
        changed: true,
        message: `Tagged ${stream.name} with LogDeliveryEnabled=true.`,
        before: null,
        after: tags,
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
      throw new HttpProblem(404, "not-found", "Bucket not found", {
        detail: `The bucket ${bucket.name} does not exist or is not visible to the console.`,
      });
    }
    const existing = await deps.s3.getBucketPolicy(bucketRegion, bucket.name, deadline);
    const plan = planBucketPolicy({ existingPolicy: existing, bucket: bucket.name, region, accountId });
    if (plan.action === "impossible") {
      throw new HttpProblem(422, "fix-not-possible", "The bucket policy cannot be changed safely", {
        detail: plan.reason,
      });
    }
    if (plan.action === "none") return unchanged(plan.reason, existing);
    return run(region, poolId, trail, existing, plan.policyDocument, async () => {
      const { requestId } = await deps.s3.putBucketPolicy(
        bucketRegion,
        bucket.name,
        plan.policyDocument,
        deadline,
      );
      return {
        changed: true,
        message: `Added the log delivery statements to the policy of ${bucket.name}.`,
        before: existing,
        after: plan.policyDocument,
        awsRequestId: requestId,
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
        ? await addLogGroupPolicy(region, poolId, target, parsed, trail, deadline)
        : action === "tag-firehose-stream"
          ? await tagFirehoseStream(region, poolId, parsed, trail, deadline)
          : await addBucketPolicy(region, poolId, parsed, accountId, trail, deadline);
    // A log group's delivery policy lives in the region's resource policies, which are cached too.
    deps.destinations.invalidate(target, action === "add-log-group-policy" ? region : undefined);
    return outcome;
  }

  return {
    async apply(poolId, action, target, trail, deadline) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      let outcome: Outcome;
      if (action === "enable-threat-protection") {
        outcome = await enableThreatProtection(region, poolId, target, trail, deadline);
        deps.fleet.invalidate(poolId);
      } else {
        outcome = await fixDestination(region, poolId, action, target, trail, deadline);
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
