/**
 * Simulated Cognito log delivery (sandbox only). `emit` writes events of the documented shapes for
 * a pool into its configured destinations; `diagnose` says, per event source, where logs would go
 * and every reason they would not arrive. Like AWS, delivery silently does nothing when a
 * prerequisite is missing (rules doc §3): emit reports the reasons, it never fails because of them.
 *
 * Everything is read and written through the other services' own operations, in the account and
 * region of the destination, so this module needs no private API of theirs.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { AwsError, type CallContext, type RestResponse, type SandboxServices } from "../core/types.ts";
import { DEMO_REGIONS } from "../seed/context.ts";
import { canConnectS3 } from "../services/firehose/index.ts";
import { isObject } from "../services/shared/json.ts";
import { type EventSourceName, makeEvent, type PoolFacts } from "./events.ts";
import { allows, DELIVERY_PRINCIPAL } from "./policy.ts";

export type { EventSourceName } from "./events.ts";

const EVENT_SOURCES: readonly EventSourceName[] = ["userNotification", "userAuthEvents"];
const POOL_ID = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)_[0-9a-zA-Z]+$/;
const TRICKLE_INTERVAL_MS = 20_000;

export interface DeliveryReason {
  /** Stable machine id, e.g. `log-group-policy-missing`. */
  readonly id: string;
  readonly message: string;
}

export type DestinationKind = "logGroup" | "firehose" | "s3";

export interface SourceDiagnosis {
  readonly eventSource: EventSourceName;
  readonly configured: boolean;
  readonly destination?: { readonly kind: DestinationKind; readonly arn: string };
  /** Whether an event emitted now would arrive. */
  readonly delivered: boolean;
  readonly reasons: DeliveryReason[];
}

export interface Diagnosis {
  readonly userPoolId: string;
  readonly region: string;
  readonly accountId: string;
  readonly tier: string;
  readonly threatProtection: "OFF" | "AUDIT" | "ENFORCED";
  readonly eventSources: SourceDiagnosis[];
}

export interface EmitOutcome extends SourceDiagnosis {
  /** How many events arrived at the destination (0 when a prerequisite is missing). */
  readonly deliveredCount: number;
  /** Where they went: log stream names, object keys, or Firehose record ids. */
  readonly written: string[];
}

export interface EmitResult {
  readonly userPoolId: string;
  readonly region: string;
  readonly emitted: EmitOutcome[];
}

export interface DeliveryOptions {
  /** The sandbox's account; a ctx passed to emit/diagnose wins. */
  accountId?: string;
  /** Persistence hook: called when emit changed state. */
  changed?: () => void;
  /** Emit a few events now and then for the demo's configured pools. */
  demoTrickle?: boolean;
  now?: () => number;
}

const EmitInputSchema = z.object({
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "region must look like us-east-1")
    .optional(),
  userPoolId: z.string().regex(POOL_ID, "userPoolId must look like us-east-1_AbCdEf123"),
  count: z.coerce.number().int().min(1).max(500).optional(),
  eventSource: z.enum(["userNotification", "userAuthEvents"]).optional(),
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
      `${problems}. Send { "userPoolId": "us-east-1_…", "region"?: "us-east-1", "count"?: 1-500, "eventSource"?: "userNotification"|"userAuthEvents" }.`,
    );
  }
  return parsed.data;
}

interface ParsedArn {
  region: string;
  account: string;
  name: string;
}

function parseDestinationArn(kind: DestinationKind, arn: string): ParsedArn | undefined {
  if (kind === "logGroup") {
    const m = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(arn);
    return m?.[1] && m[2] && m[3] ? { region: m[1], account: m[2], name: m[3] } : undefined;
  }
  if (kind === "firehose") {
    const m = /^arn:[^:]+:firehose:([^:]+):(\d{12}):deliverystream\/(.+)$/.exec(arn);
    return m?.[1] && m[2] && m[3] ? { region: m[1], account: m[2], name: m[3] } : undefined;
  }
  const m = /^arn:[^:]+:s3:::([^/]+)$/.exec(arn);
  return m?.[1] ? { region: "", account: "", name: m[1] } : undefined;
}

const reason = (id: string, message: string): DeliveryReason => ({ id, message });
const pad2 = (n: number) => String(n).padStart(2, "0");
const utcDay = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
};

/** A check's plan: where exactly the events will be written once every prerequisite holds. */
interface Plan {
  reasons: DeliveryReason[];
  write?: (events: Record<string, unknown>[]) => string[];
}

export function createDelivery(services: SandboxServices, options: DeliveryOptions = {}) {
  const now = options.now ?? Date.now;
  // Firehose streams hand their records on to S3; the core does not know that link, so make it here.
  if (canConnectS3(services.firehose)) services.firehose.connectS3(() => services.s3);

  const contextFor = (region: string, accountId: string, base?: CallContext): CallContext => ({
    region,
    accountId,
    requestId: randomUUID(),
    now: () => (base ? base.now() : now()),
    changed: () => (base ? base.changed() : options.changed?.()),
  });

  const callJson = (
    service: "cognito" | "logs" | "firehose",
    operation: string,
    input: Record<string, unknown>,
    ctx: CallContext,
  ): Record<string, unknown> => {
    const handler = services[service]?.operations[operation];
    if (!handler)
      throw new AwsError("ServiceUnavailable", `The sandbox's ${service} service has no ${operation}.`, 503);
    const answer = handler(input, ctx);
    return isObject(answer) ? answer : {};
  };

  const s3Request = (
    method: string,
    target: string,
    ctx: CallContext,
    body = Buffer.alloc(0),
    headers = {},
  ): RestResponse => {
    if (!services.s3) throw new AwsError("ServiceUnavailable", "The sandbox has no S3 service.", 503);
    const url = new URL(target, "http://s3.sandbox");
    return services.s3.handle(
      { method, path: decodeURIComponent(url.pathname), query: url.searchParams, headers, body },
      ctx,
    );
  };

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

  const sourceArnFor = (region: string, account: string, poolId: string) =>
    `arn:aws:logs:${region}:${account}:delivery-source:cognito-${poolId}`;

  const planLogGroup = (target: ParsedArn, arn: string, poolId: string, base?: CallContext): Plan => {
    const ctx = contextFor(target.region, target.account, base);
    const found = callJson("logs", "DescribeLogGroups", { logGroupIdentifiers: [target.name] }, ctx);
    const group = (Array.isArray(found.logGroups) ? found.logGroups : []).find(
      (g) => isObject(g) && g.logGroupName === target.name,
    );
    if (!isObject(group)) {
      return {
        reasons: [
          reason("log-group-missing", `Log group ${target.name} does not exist in ${target.region}.`),
        ],
      };
    }
    const reasons: DeliveryReason[] = [];
    if (typeof group.kmsKeyId === "string") {
      reasons.push(
        reason(
          "log-group-kms",
          `Log group ${target.name} is encrypted with KMS key ${group.kmsKeyId}; Cognito does not deliver to KMS-encrypted log groups.`,
        ),
      );
    }
    const streamName = `${poolId}/${utcDay(ctx.now())}`;
    const groupArn = arn.replace(/:\*$/, "");
    // Either scope may grant (rules doc §3): the account's policies, or the one attached to the group.
    const accountDocuments: string[] = [];
    let token: string | undefined;
    do {
      const page = callJson("logs", "DescribeResourcePolicies", token ? { nextToken: token } : {}, ctx);
      for (const p of Array.isArray(page.resourcePolicies) ? page.resourcePolicies : []) {
        if (isObject(p) && typeof p.policyDocument === "string") accountDocuments.push(p.policyDocument);
      }
      token = typeof page.nextToken === "string" ? page.nextToken : undefined;
    } while (token);
    const attached = callJson(
      "logs",
      "DescribeResourcePolicies",
      { resourceArn: groupArn, policyScope: "RESOURCE" },
      ctx,
    );
    const groupDocuments = (Array.isArray(attached.resourcePolicies) ? attached.resourcePolicies : [])
      .filter((p) => isObject(p) && typeof p.policyDocument === "string")
      .map((p) => (p as { policyDocument: string }).policyDocument);
    const request = {
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resource: `${groupArn}:log-stream:${streamName}`,
      context: {
        "aws:SourceAccount": target.account,
        "aws:SourceArn": sourceArnFor(target.region, target.account, poolId),
      },
    };
    // An explicit Deny in either document wins over an Allow in the other, as IAM evaluates them together.
    const permitted = allows([...accountDocuments, ...groupDocuments], request);
    if (!permitted) {
      reasons.push(
        reason(
          "log-group-policy-missing",
          `No CloudWatch Logs resource policy (neither an account-level one nor the one attached to the log group) lets ${DELIVERY_PRINCIPAL} logs:CreateLogStream and logs:PutLogEvents on ${groupArn}:log-stream:*.`,
        ),
      );
    }
    if (reasons.length > 0) return { reasons };
    return {
      reasons,
      write(events) {
        try {
          callJson("logs", "CreateLogStream", { logGroupName: target.name, logStreamName: streamName }, ctx);
        } catch (error) {
          if (!(error instanceof AwsError && error.code === "ResourceAlreadyExistsException")) throw error;
        }
        const logEvents = events.map((e) => ({
          timestamp: Number(e.eventTimestamp),
          message: JSON.stringify(e),
        }));
        for (let i = 0; i < logEvents.length; i += 10_000) {
          callJson(
            "logs",
            "PutLogEvents",
            {
              logGroupName: target.name,
              logStreamName: streamName,
              logEvents: logEvents.slice(i, i + 10_000),
            },
            ctx,
          );
        }
        return [streamName];
      },
    };
  };

  const planBucket = (
    bucket: string,
    pool: { region: string; account: string; poolId: string },
    base?: CallContext,
  ): Plan => {
    const lookup = contextFor(pool.region, pool.account, base);
    const head = s3Request("HEAD", `/${bucket}`, lookup);
    if (head.status === 404)
      return { reasons: [reason("bucket-missing", `Bucket ${bucket} does not exist.`)] };
    if (head.status !== 200) {
      return {
        reasons: [
          reason(
            "bucket-other-account",
            `Bucket ${bucket} belongs to another account (HTTP ${head.status}).`,
          ),
        ],
      };
    }
    const ctx = contextFor(head.headers?.["x-amz-bucket-region"] ?? pool.region, pool.account, base);
    const reasons: DeliveryReason[] = [];
    const d = new Date(ctx.now());
    const key = `AWSLogs/${pool.account}/cognito/${pool.region}/${pool.poolId}/${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(
      d.getUTCDate(),
    )}/${pad2(d.getUTCHours())}/${pool.account}_cognito_${pool.poolId}_${d.toISOString().replace(/[-:]/g, "").slice(0, 13)}Z_${randomBytes(8).toString("hex")}.log.gz`;
    let policy: string | undefined;
    try {
      const answer = s3Request("GET", `/${bucket}?policy`, ctx);
      policy = answer.body === undefined ? undefined : answer.body.toString();
    } catch (error) {
      if (!(error instanceof AwsError && error.code === "NoSuchBucketPolicy")) throw error;
    }
    const source = {
      "aws:SourceAccount": pool.account,
      "aws:SourceArn": sourceArnFor(pool.region, pool.account, pool.poolId),
    };
    // Delivery checks the bucket's ACL, then writes (rules doc §3: both statements are needed).
    const aclCheck =
      policy !== undefined &&
      allows([policy], { actions: ["s3:GetBucketAcl"], resource: `arn:aws:s3:::${bucket}`, context: source });
    const write =
      policy !== undefined &&
      allows([policy], {
        actions: ["s3:PutObject"],
        resource: `arn:aws:s3:::${bucket}/${key}`,
        context: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" },
      });
    if (!aclCheck || !write) {
      const missing = [
        aclCheck ? null : `s3:GetBucketAcl on ${bucket}`,
        write ? null : `s3:PutObject on ${bucket}/AWSLogs/${pool.account}/*`,
      ]
        .filter(Boolean)
        .join(" and ");
      reasons.push(
        reason(
          "bucket-policy-missing",
          `The policy of bucket ${bucket} does not let ${DELIVERY_PRINCIPAL} ${missing}.`,
        ),
      );
    }
    const encryption = s3Request("GET", `/${bucket}?encryption`, ctx).body?.toString() ?? "";
    const kmsKey = /<KMSMasterKeyID>([^<]*)<\/KMSMasterKeyID>/.exec(encryption)?.[1];
    // No key id means S3's AWS-managed aws/s3 key; KMS reserves alias/aws/… for AWS-managed keys. A
    // key id or key ARN is taken as customer-managed: the sandbox has no KMS to ask (rules doc §3).
    if (/<SSEAlgorithm>aws:kms/.test(encryption) && (!kmsKey || /(^|:)alias\/aws\//.test(kmsKey))) {
      reasons.push(
        reason(
          "bucket-kms-aws-managed",
          `Bucket ${bucket} uses the AWS-managed KMS key; log delivery needs a customer-managed key.`,
        ),
      );
    }
    if (reasons.length > 0) return { reasons };
    return {
      reasons,
      write(events) {
        const body = gzipSync(Buffer.from(`${events.map((e) => JSON.stringify(e)).join("\n")}\n`));
        s3Request("PUT", `/${bucket}/${key}`, ctx, body, {
          "content-type": "application/x-gzip",
          "x-amz-acl": "bucket-owner-full-control",
        });
        return [key];
      },
    };
  };

  const planStream = (target: ParsedArn, base?: CallContext): Plan => {
    const ctx = contextFor(target.region, target.account, base);
    let description: Record<string, unknown>;
    try {
      const answer = callJson("firehose", "DescribeDeliveryStream", { DeliveryStreamName: target.name }, ctx);
      description = isObject(answer.DeliveryStreamDescription) ? answer.DeliveryStreamDescription : {};
    } catch (error) {
      if (error instanceof AwsError && error.code === "ResourceNotFoundException") {
        return {
          reasons: [
            reason("stream-missing", `Firehose stream ${target.name} does not exist in ${target.region}.`),
          ],
        };
      }
      throw error;
    }
    const reasons: DeliveryReason[] = [];
    if (description.DeliveryStreamStatus !== "ACTIVE") {
      reasons.push(
        reason(
          "stream-not-active",
          `Firehose stream ${target.name} is ${String(description.DeliveryStreamStatus)}, not ACTIVE.`,
        ),
      );
    }
    if (description.DeliveryStreamType !== "DirectPut") {
      reasons.push(
        reason(
          "stream-not-direct-put",
          `Firehose stream ${target.name} is ${String(description.DeliveryStreamType)}; log delivery needs DirectPut.`,
        ),
      );
    }
    const tags = callJson(
      "firehose",
      "ListTagsForDeliveryStream",
      { DeliveryStreamName: target.name, Limit: 50 },
      ctx,
    );
    const tagged = (Array.isArray(tags.Tags) ? tags.Tags : []).some(
      (t) => isObject(t) && t.Key === "LogDeliveryEnabled" && t.Value === "true",
    );
    if (!tagged) {
      reasons.push(
        reason(
          "stream-tag-missing",
          `Firehose stream ${target.name} lacks the tag LogDeliveryEnabled=true, so the log delivery role may not write to it.`,
        ),
      );
    }
    if (reasons.length > 0) return { reasons };
    return {
      reasons,
      write(events) {
        const ids: string[] = [];
        for (let i = 0; i < events.length; i += 500) {
          const records = events
            .slice(i, i + 500)
            .map((e) => ({ Data: Buffer.from(`${JSON.stringify(e)}\n`).toString("base64") }));
          const answer = callJson(
            "firehose",
            "PutRecordBatch",
            { DeliveryStreamName: target.name, Records: records },
            ctx,
          );
          for (const r of Array.isArray(answer.RequestResponses) ? answer.RequestResponses : []) {
            if (isObject(r) && typeof r.RecordId === "string") ids.push(r.RecordId);
          }
        }
        return ids;
      },
    };
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
        plan = planLogGroup(target, destination.arn, poolId, base);
      } else if (destination.kind === "firehose") {
        plan = planStream(target, base);
      } else {
        plan = planBucket(target.name, { region: pool.region, account: accountId, poolId }, base);
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
    const delivered = reasons.length === 0 && plan?.write !== undefined;
    return {
      diagnosis: { eventSource: source, configured: true, destination, delivered, reasons },
      ...(plan && delivered ? { plan } : {}),
    };
  };

  function diagnose(rawInput: unknown, base?: CallContext): Diagnosis {
    const input = parseInput(rawInput);
    const accountId = base?.accountId ?? options.accountId ?? "123456789012";
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
    const accountId = base?.accountId ?? options.accountId ?? "123456789012";
    const pool = poolFacts(input, accountId, base);
    const count = input.count ?? 1;
    const sources = input.eventSource ? [input.eventSource] : EVENT_SOURCES;
    const emitted = sources.map((source): EmitOutcome => {
      const { diagnosis, plan } = planSource(source, pool, accountId, input.userPoolId, base);
      if (!plan?.write || !diagnosis.delivered) return { ...diagnosis, deliveredCount: 0, written: [] };
      const at = pool.ctx.now();
      const events = Array.from({ length: count }, (_, i) =>
        makeEvent(source, pool.facts, at - (count - 1 - i), i),
      );
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

  /** One event per configured source of every pool in the demo regions; problems are skipped quietly. */
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
            if (isObject(p) && typeof p.Id === "string") emit({ userPoolId: p.Id, region });
          }
          token = typeof page.NextToken === "string" ? page.NextToken : undefined;
        } while (token);
      } catch {
        // The trickle is decoration for the demo; a failing pool must not stop the sandbox.
      }
    }
  }

  const timer = options.demoTrickle ? setInterval(trickle, TRICKLE_INTERVAL_MS) : undefined;
  timer?.unref();

  return {
    emit,
    diagnose,
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
