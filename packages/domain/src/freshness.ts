/**
 * Freshness by events (issue 16): CloudTrail's management events for Cognito reach an SQS queue
 * through an EventBridge rule; the console re-reads only the pools they name, and a slow sweep
 * catches what events miss. This file holds the payloads of the freshness routes and the pure rules:
 * the names and tag of what the console creates, the rule's pattern, the queue policy, and reading a
 * queue message into the pools it names.
 *
 * Sources: EventBridge user guide, "AWS service events delivered via AWS CloudTrail" (detail-type
 * "AWS API Call via CloudTrail", source `aws.<service>`, CloudTrail's record as `detail`) and "Events
 * from AWS services" (a trail with logging on is required); EventBridge user guide, "Amazon SQS
 * permissions" (the queue policy must let events.amazonaws.com send, best with aws:SourceArn).
 */
import { z } from "zod";
import { AccountIdSchema } from "./accounts.ts";
import { RegionSchema, UserPoolIdSchema } from "./api.ts";

/** The one name of the console's queue and rule in every account and region. */
export const FRESHNESS_NAME = "clc-cognito-changes";
/** What the console tags its queue and rule with; it relies on nothing that lacks this tag. */
export const FRESHNESS_TAG = { key: "clc:created-by", value: "cognito-log-console" } as const;
/** The Cognito calls that change what the fleet shows. */
export const WATCHED_COGNITO_CALLS = [
  "CreateUserPool",
  "DeleteUserPool",
  "UpdateUserPool",
  "SetLogDeliveryConfiguration",
] as const;

/** The rule's event pattern (JSON text as PutRule takes it). */
export function freshnessEventPattern(): string {
  return JSON.stringify({
    source: ["aws.cognito-idp"],
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: { eventSource: ["cognito-idp.amazonaws.com"], eventName: [...WATCHED_COGNITO_CALLS] },
  });
}

/** The queue policy: EventBridge may send, from the console's rule only (aws:SourceArn). */
export function freshnessQueuePolicy(queueArn: string, ruleArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ConsoleRuleSends",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      },
    ],
  });
}

/** Whether a queue policy lets `ruleArn` send through EventBridge (the statement the console writes, or a wider one). */
export function policyLetsRuleSend(policy: string | null, queueArn: string, ruleArn: string): boolean {
  if (policy === null) return false;
  let statements: unknown[];
  try {
    const parsed = JSON.parse(policy) as { Statement?: unknown };
    statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  } catch {
    return false;
  }
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  return statements.some((raw) => {
    const s = raw as Record<string, unknown>;
    const principal = s.Principal as { Service?: unknown } | string | undefined;
    const service =
      principal === "*" ||
      list((principal as { Service?: unknown })?.Service).includes("events.amazonaws.com");
    const actions = list(s.Action);
    const resources = list(s.Resource);
    const condition = s.Condition as Record<string, Record<string, unknown>> | undefined;
    const sources = condition
      ? Object.values(condition).flatMap((block) => list(block?.["aws:SourceArn"]))
      : [];
    return (
      s.Effect === "Allow" &&
      service &&
      actions.some((a) => a === "sqs:SendMessage" || a === "sqs:*" || a === "*") &&
      resources.some((r) => r === queueArn || r === "*") &&
      (sources.length === 0 || sources.includes(ruleArn))
    );
  });
}

/** The part of an "AWS API Call via CloudTrail" event the console reads; anything else is ignored. */
const CloudTrailEventSchema = z.object({
  source: z.literal("aws.cognito-idp"),
  "detail-type": z.literal("AWS API Call via CloudTrail"),
  account: AccountIdSchema,
  region: RegionSchema,
  detail: z.object({
    eventSource: z.literal("cognito-idp.amazonaws.com"),
    eventName: z.string().max(128),
    requestParameters: z.object({ userPoolId: UserPoolIdSchema.optional() }).nullish(),
    responseElements: z.object({ userPool: z.object({ id: UserPoolIdSchema }).optional() }).nullish(),
  }),
});

/**
 * The pool a queue message names: `detail.requestParameters.userPoolId`, or for CreateUserPool
 * `detail.responseElements.userPool.id`. Answers `{ malformed }` with why for a body that is not
 * such an event (not JSON, another source, no pool id, an id that is not a pool id), so the reader
 * drops it and counts it rather than re-reading anything.
 */
export function poolOfEvent(
  body: string,
): { accountId: string; region: string; poolId: string; eventName: string } | { malformed: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { malformed: "not JSON" };
  }
  const parsed = CloudTrailEventSchema.safeParse(json);
  if (!parsed.success) return { malformed: z.prettifyError(parsed.error).slice(0, 300) };
  const { detail } = parsed.data;
  const poolId = detail.requestParameters?.userPoolId ?? detail.responseElements?.userPool?.id;
  if (poolId === undefined) return { malformed: `${detail.eventName} names no user pool` };
  return { accountId: parsed.data.account, region: parsed.data.region, poolId, eventName: detail.eventName };
}

// ---------- payloads ----------

export const FreshnessPlaceSchema = z.object({
  accountId: AccountIdSchema,
  region: RegionSchema,
  /** events: the queue is read; sweep: this place relies on the slow sweep (and the TTL re-read), `reason` says why. */
  mode: z.enum(["events", "sweep", "checking"]),
  reason: z.string().nullable(),
  checkedAt: z.string().nullable(),
  /**
   * On events: since when the path has been intact (the latest of the console's first check that
   * found it so, the queue's creation and the trail's StartLoggingTime). Rows read before it are read
   * again: a change made while the path was broken reached no queue.
   */
  eventsSince: z.string().nullable(),
  /** On events: how long the queue keeps a change the console has not read (MessageRetentionPeriod). */
  retentionSeconds: z.number().int().nullable(),
  lastEventAt: z.string().nullable(),
  eventsHandled: z.number().int(),
  malformed: z.number().int(),
});
export type FreshnessPlace = z.infer<typeof FreshnessPlaceSchema>;

export const FreshnessStatusSchema = z.object({
  /** CLC_FRESHNESS: off means the TTL re-read of every pool, as before. */
  enabled: z.boolean(),
  /** True while every place is on events: the fleet is then not re-read when the cache expires. */
  ttlReplaced: z.boolean(),
  sweep: z.object({
    intervalSeconds: z.number().int(),
    readsPerMinute: z.number().int(),
    running: z.boolean(),
    lastStartedAt: z.string().nullable(),
    lastCompletedAt: z.string().nullable(),
    /** When the next sweep is due (kept across restarts: interval after the last completed one). */
    nextAt: z.string().nullable(),
    poolsRead: z.number().int(),
  }),
  places: z.array(FreshnessPlaceSchema),
});
export type FreshnessStatus = z.infer<typeof FreshnessStatusSchema>;

export const FreshnessPlaceQuerySchema = z.object({ accountId: AccountIdSchema, region: RegionSchema });

export const FreshnessPlanStepSchema = z.object({
  id: z.enum(["create-queue", "set-queue-policy", "put-rule", "put-target"]),
  title: z.string(),
  /** done: AWS already holds it (made by the console); todo: the setup will do it; blocked: it will not (why). */
  state: z.enum(["done", "todo", "blocked"]),
  why: z.string().nullable(),
  permissions: z.array(z.string()),
});
export const FreshnessPlanSchema = z.object({
  accountId: AccountIdSchema,
  region: RegionSchema,
  queueName: z.string(),
  ruleName: z.string(),
  eventPattern: z.string(),
  steps: z.array(FreshnessPlanStepSchema),
  /** What the console will not do itself: a trail that records management events (needs a bucket and its policy). */
  prerequisites: z.array(z.object({ ok: z.boolean(), title: z.string(), hint: z.string().nullable() })),
  /** False when a step is blocked: the setup refuses (409) rather than adopt what it did not create. */
  canRun: z.boolean(),
});
export type FreshnessPlan = z.infer<typeof FreshnessPlanSchema>;

export const FreshnessSetupResultSchema = z.object({
  plan: FreshnessPlanSchema,
  place: FreshnessPlaceSchema,
});
export type FreshnessSetupResult = z.infer<typeof FreshnessSetupResultSchema>;
