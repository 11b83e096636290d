/**
 * Simulated Cognito log delivery (sandbox only). `emit` writes events of the documented shapes for
 * a pool into its configured destinations; `diagnose` says, per event source, where logs would go
 * and every reason they would not arrive. Like AWS, delivery silently does nothing when a
 * prerequisite is missing (rules doc §3): emit reports the reasons, it never fails because of them.
 *
 * Everything is read and written through the other services' own operations, in the account and
 * region of the destination, so this module needs no private API of theirs.
 */
import { z } from "zod";
import { AwsError, type CallContext, type SandboxServices } from "../core/types.ts";
import { DEMO_REGIONS, DEMO_TRAFFIC_TAG } from "../seed/context.ts";
import { canConnectS3 } from "../services/firehose/index.ts";
import { isObject } from "../services/shared/json.ts";
import { planBucket } from "./bucket.ts";
import { serviceCalls } from "./calls.ts";
import { type EventSourceName, makeEvent, type PoolFacts } from "./events.ts";
import { planLogGroup } from "./log-group.ts";
import {
  type DeliveryOptions,
  type DeliveryReason,
  type DestinationKind,
  type Diagnosis,
  type EmitOutcome,
  type EmitResult,
  type Plan,
  parseDestinationArn,
  reason,
  type SourceDiagnosis,
} from "./model.ts";
import { planStream } from "./stream.ts";
import { recordTraffic } from "./traffic.ts";

export type { EventSourceName } from "./events.ts";
export type {
  DeliveryOptions,
  DeliveryReason,
  DestinationKind,
  Diagnosis,
  EmitOutcome,
  EmitResult,
  SourceDiagnosis,
} from "./model.ts";

const EVENT_SOURCES: readonly EventSourceName[] = ["userNotification", "userAuthEvents"];
const POOL_ID = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)_[0-9a-zA-Z]+$/;
const TRICKLE_INTERVAL_MS = 20_000;

const EmitInputSchema = z.object({
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "region must look like us-east-1")
    .optional(),
  userPoolId: z.string().regex(POOL_ID, "userPoolId must look like us-east-1_AbCdEf123"),
  count: z.coerce.number().int().min(1).max(500).optional(),
  eventSource: z.enum(["userNotification", "userAuthEvents"]).optional(),
  accountId: z
    .string()
    .regex(/^\d{12}$/, "accountId must be 12 digits")
    .optional(),
});
type EmitInput = z.infer<typeof EmitInputSchema>;

function parseInput(input: unknown): EmitInput {
  const parsed = EmitInputSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join(".") || "input"}: ${i.message}`)
      .join("; ");
    throw new AwsError(
      "InvalidParameterException",
      `${problems}. Send { "userPoolId": "us-east-1_…", "region"?: "us-east-1", "accountId"?: "123456789012", "count"?: 1-500, "eventSource"?: "userNotification"|"userAuthEvents" }.`,
    );
  }
  return parsed.data;
}

export function createDelivery(services: SandboxServices, options: DeliveryOptions = {}) {
  // Firehose streams hand their records on to S3; the core does not know that link, so make it here.
  if (canConnectS3(services.firehose)) services.firehose.connectS3(() => services.s3);
  const calls = serviceCalls(services, options);
  const { contextFor, callJson } = calls;
  /** Every pool with its account (the cognito module's own list), so a pool is found in whichever account holds it. */
  const allPools = (): { id: string; region: string; accountId: string }[] => {
    const cognito = services.cognito as unknown as {
      pools?: () => { id: string; region: string; accountId: string }[];
    };
    return typeof cognito.pools === "function" ? cognito.pools() : [];
  };
  /**
   * The account a pool's logs come from: the caller's (`base`), the one named, or the account that
   * holds a pool of that id, so delivery writes into destinations of the pool's own account.
   */
  const accountFor = (input: EmitInput, base?: CallContext): string =>
    base?.accountId ??
    input.accountId ??
    allPools().find((p) => p.id === input.userPoolId)?.accountId ??
    options.accountId ??
    "123456789012";

  const poolFacts = (
    input: { region?: string; userPoolId: string },
    accountId: string,
    base?: CallContext,
  ) => {
    const region = input.region ?? POOL_ID.exec(input.userPoolId)?.[1] ?? "us-east-1";
    const ctx = contextFor(region, accountId, base);
    let pool: Record<string, unknown>;
    let configurations: unknown[];
    try {
      pool = (callJson("cognito", "DescribeUserPool", { UserPoolId: input.userPoolId }, ctx).UserPool ??
        {}) as Record<string, unknown>;
      const config = callJson(
        "cognito",
        "GetLogDeliveryConfiguration",
        { UserPoolId: input.userPoolId },
        ctx,
      );
      const stored = isObject(config.LogDeliveryConfiguration) ? config.LogDeliveryConfiguration : {};
      configurations = Array.isArray(stored.LogConfigurations) ? stored.LogConfigurations : [];
    } catch (error) {
      if (error instanceof AwsError && error.code === "ResourceNotFoundException") {
        throw new AwsError(
          error.code,
          `${error.message} (looked in account ${accountId}, region ${region}).`,
          404,
        );
      }
      throw error;
    }
    const addOns = isObject(pool.UserPoolAddOns) ? pool.UserPoolAddOns : {};
    const mode = addOns.AdvancedSecurityMode;
    const threatProtection: PoolFacts["threatProtection"] =
      mode === "AUDIT" || mode === "ENFORCED" ? mode : "OFF";
    const tier = typeof pool.UserPoolTier === "string" ? pool.UserPoolTier : "ESSENTIALS";
    return {
      region,
      ctx,
      tier,
      threatProtection,
      configurations,
      facts: { userPoolId: input.userPoolId, threatProtection },
    };
  };

  const destinationOf = (entry: unknown): { kind: DestinationKind; arn: string } | undefined => {
    if (!isObject(entry)) return undefined;
    const pickArn = (member: string, key: string) => {
      const c = entry[member];
      return isObject(c) && typeof c[key] === "string" ? c[key] : undefined;
    };
    const logGroup = pickArn("CloudWatchLogsConfiguration", "LogGroupArn");
    if (logGroup) return { kind: "logGroup", arn: logGroup };
    const stream = pickArn("FirehoseConfiguration", "StreamArn");
    if (stream) return { kind: "firehose", arn: stream };
    const bucket = pickArn("S3Configuration", "BucketArn");
    if (bucket) return { kind: "s3", arn: bucket };
    return undefined;
  };

  const planSource = (
    source: EventSourceName,
    pool: ReturnType<typeof poolFacts>,
    accountId: string,
    poolId: string,
    base?: CallContext,
  ): { diagnosis: SourceDiagnosis; plan?: Plan } => {
    const entry = pool.configurations.find((c) => isObject(c) && c.EventSource === source);
    const destination = destinationOf(entry);
    if (!destination) {
      return {
        diagnosis: {
          eventSource: source,
          configured: false,
          delivered: false,
          reasons: [reason("not-configured", `The pool has no log delivery configured for ${source}.`)],
        },
      };
    }
    const reasons: DeliveryReason[] = [];
    if (source === "userAuthEvents") {
      if (pool.tier !== "PLUS") {
        reasons.push(
          reason("tier-not-plus", `User activity logs need the PLUS tier; the pool is ${pool.tier}.`),
        );
      }
      if (pool.threatProtection === "OFF") {
        reasons.push(
          reason(
            "threat-protection-off",
            "Threat protection is OFF; AWS produces user activity logs only in AUDIT or ENFORCED mode.",
          ),
        );
      }
    }
    let plan: Plan | undefined;
    const target = parseDestinationArn(destination.kind, destination.arn);
    try {
      if (!target) {
        reasons.push(
          reason(
            "destination-arn-invalid",
            `The configured destination ARN ${destination.arn} cannot be read.`,
          ),
        );
      } else if (
        destination.kind !== "s3" &&
        (target.account !== accountId || target.region !== pool.region)
      ) {
        reasons.push(
          reason(
            "destination-other-account-or-region",
            `The destination is in ${target.account}/${target.region}; the pool is in ${accountId}/${pool.region}.`,
          ),
        );
      } else if (destination.kind === "logGroup") {
        plan = planLogGroup(calls, target, destination.arn, poolId, base);
      } else if (destination.kind === "firehose") {
        plan = planStream(calls, target, base);
      } else {
        plan = planBucket(calls, target.name, { region: pool.region, account: accountId, poolId }, base);
      }
    } catch (error) {
      reasons.push(
        reason(
          "check-failed",
          `Checking the destination failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
      plan = undefined;
    }
    if (plan) reasons.push(...plan.reasons);
    if (options.faults?.drops(destination.arn)) {
      reasons.push(
        reason(
          "sandbox-drop",
          "The destination is switched to drop what Cognito sends it (sandbox switch: /_sandbox/delivery-faults).",
        ),
      );
    }
    const delivered = reasons.length === 0 && plan?.write !== undefined;
    return {
      diagnosis: { eventSource: source, configured: true, destination, delivered, reasons },
      ...(plan && delivered ? { plan } : {}),
    };
  };

  function diagnose(rawInput: unknown, base?: CallContext): Diagnosis {
    const input = parseInput(rawInput);
    const accountId = accountFor(input, base);
    const pool = poolFacts(input, accountId, base);
    return {
      userPoolId: input.userPoolId,
      region: pool.region,
      accountId,
      tier: pool.tier,
      threatProtection: pool.threatProtection,
      eventSources: EVENT_SOURCES.map(
        (s) => planSource(s, pool, accountId, input.userPoolId, base).diagnosis,
      ),
    };
  }

  function emit(rawInput: unknown, base?: CallContext): EmitResult {
    const input = parseInput(rawInput);
    const accountId = accountFor(input, base);
    const pool = poolFacts(input, accountId, base);
    const count = input.count ?? 1;
    const sources = input.eventSource ? [input.eventSource] : EVENT_SOURCES;
    const emitted = sources.map((source): EmitOutcome => {
      const at = pool.ctx.now();
      const events = Array.from({ length: count }, (_, i) =>
        makeEvent(source, pool.facts, at - (count - 1 - i), i),
      );
      // The requests behind user activity happened in Cognito whether or not their logs arrive.
      if (source === "userAuthEvents")
        recordTraffic(options.metrics, { accountId, region: pool.region }, events);
      const { diagnosis, plan } = planSource(source, pool, accountId, input.userPoolId, base);
      if (!plan?.write || !diagnosis.delivered) return { ...diagnosis, deliveredCount: 0, written: [] };
      try {
        const written = plan.write(events);
        return { ...diagnosis, deliveredCount: count, written };
      } catch (error) {
        const why = reason(
          "write-failed",
          `Writing the events failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        return {
          ...diagnosis,
          delivered: false,
          reasons: [...diagnosis.reasons, why],
          deliveredCount: 0,
          written: [],
        };
      }
    });
    return { userPoolId: input.userPoolId, region: pool.region, emitted };
  }

  /** Whether the demo left a pool without traffic (tagged `demo-traffic` = `none`: seed/demo.ts). */
  const quiet = (userPoolId: string, region: string, accountId: string): boolean => {
    const pool = callJson(
      "cognito",
      "DescribeUserPool",
      { UserPoolId: userPoolId },
      contextFor(region, accountId),
    ).UserPool;
    const tags = isObject(pool) && isObject(pool.UserPoolTags) ? pool.UserPoolTags : {};
    return tags[DEMO_TRAFFIC_TAG] === "none";
  };

  /** One event per configured source of every pool in the demo regions and of the organization's other accounts; problems are skipped quietly. */
  function trickle(): void {
    const accountId = options.accountId ?? "123456789012";
    for (const region of DEMO_REGIONS) {
      const ctx = contextFor(region, accountId);
      let token: string | undefined;
      try {
        do {
          const page = callJson(
            "cognito",
            "ListUserPools",
            { MaxResults: 60, ...(token ? { NextToken: token } : {}) },
            ctx,
          );
          for (const p of Array.isArray(page.UserPools) ? page.UserPools : []) {
            if (isObject(p) && typeof p.Id === "string" && !quiet(p.Id, region, accountId))
              emit({ userPoolId: p.Id, region });
          }
          token = typeof page.NextToken === "string" ? page.NextToken : undefined;
        } while (token);
      } catch {
        // The trickle is decoration for the demo; a failing pool must not stop the sandbox.
      }
    }
    // The demo organization's member accounts, each pool into its own account's destinations.
    for (const p of allPools()) {
      if (p.accountId === accountId) continue;
      try {
        if (!quiet(p.id, p.region, p.accountId))
          emit({ userPoolId: p.id, region: p.region, accountId: p.accountId });
      } catch {
        // As above: decoration only.
      }
    }
  }

  const timer = options.demoTrickle ? setInterval(trickle, TRICKLE_INTERVAL_MS) : undefined;
  timer?.unref();
  // A first round at once, so a demo opened right after start shows traffic, not every pool idle.
  const first = options.demoTrickle ? setTimeout(trickle, 0) : undefined;
  first?.unref();

  return {
    emit,
    diagnose,
    /** The test switches: `GET` lists them, `POST` sets one (see faults.ts). */
    faults(method: string, input: unknown): unknown {
      if (!options.faults)
        throw new AwsError("ServiceUnavailable", "This sandbox has no delivery switches.", 503);
      if (method === "GET") return { faults: options.faults.list() };
      return options.faults.set(input);
    },
    close() {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
    },
  };
}
