/**
 * Batches: one change of log delivery applied to many pools with one review (issue 17, "Bulk apply
 * with one review"). The payloads of `/api/batches`, shared by the BFF (validation, OpenAPI) and the
 * web app (types), and the pure rules that turn a change into a pool's desired configuration and a
 * plan into an outcome.
 *
 * What a batch is made of (the create request, `CreateBatchRequestSchema`), in one of three shapes:
 * - `{ change, pools }`: one change applied to pools named one by one (the fleet's selection);
 * - `{ change, filter }`: one change applied to every pool the fleet's filter matches now (the same
 *   filters as `GET /api/pools`, without sort and paging);
 * - `{ items }`: each pool with a change of its own (e.g. what a logging standard asks of it:
 *   `changeToReach(desired)` turns a desired configuration into such a change).
 * A change says, per event source, `keep` (as AWS holds it), `remove`, `set` to a destination (an
 * ARN), or `set-log-group` to a log group named the same in each pool's own account and region
 * ("send userNotification to log group X in each pool's region").
 */
import { z } from "zod";
import { AccountIdSchema } from "./accounts.ts";
import { PoolListQuerySchema, RegionSchema, SourceDiffSchema, UserPoolIdSchema } from "./api.ts";
import {
  type Destination,
  DestinationSchema,
  EVENT_SOURCES,
  type EventSource,
  FieldErrorSchema,
  FindingSchema,
  type LogDeliveryModel,
  LogDeliveryModelSchema,
} from "./model.ts";

// ---------- what to change ----------

/** CloudWatch Logs `LogGroupName`: 1–512 of `[\.\-_/#A-Za-z0-9]`; `#` cannot be named in an ARN (rules doc §2). */
export const BatchLogGroupNameSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[.\-_/A-Za-z0-9]+$/, "A log group name uses letters, digits and . - _ / only");

export const BatchSourceChangeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("keep") }),
  z.object({ action: z.literal("remove") }),
  z.object({ action: z.literal("set"), destination: DestinationSchema }),
  z.object({ action: z.literal("set-log-group"), logGroupName: BatchLogGroupNameSchema }),
]);
export type BatchSourceChange = z.infer<typeof BatchSourceChangeSchema>;

const KEEP: BatchSourceChange = { action: "keep" };

/** One change per event source, unchecked (a blocked standard item may keep both: nothing to set). */
export const BatchChangeShapeSchema = z.object({
  userNotification: BatchSourceChangeSchema.default(KEEP),
  userAuthEvents: BatchSourceChangeSchema.default(KEEP),
});

/** One change per event source; a source left out is kept as AWS holds it. */
export const BatchChangeSchema = BatchChangeShapeSchema.refine(
  (c) => EVENT_SOURCES.some((s) => c[s].action !== "keep"),
  {
    message: "The change keeps both event sources as they are: say what to set or remove.",
  },
);
export type BatchChange = z.infer<typeof BatchChangeSchema>;

/** A pool's identity: account, region and id (accounts.ts PoolRef). */
export const BatchPoolRefSchema = z.object({
  accountId: AccountIdSchema,
  region: RegionSchema,
  poolId: UserPoolIdSchema,
});
export type BatchPoolRef = z.infer<typeof BatchPoolRefSchema>;

/** At most this many pools in one batch: the plan reads each pool within one request. */
export const MAX_BATCH_POOLS = 200;

/** The fleet's filters (GET /api/pools), without sort and paging. */
export const BatchFilterSchema = PoolListQuerySchema.omit({ sort: true, offset: true, limit: true });

const TitleSchema = z.string().trim().max(200).optional();

export const CreateBatchRequestSchema = z.union([
  z.object({
    title: TitleSchema,
    change: BatchChangeSchema,
    pools: z.array(BatchPoolRefSchema).min(1, "Choose at least one pool").max(MAX_BATCH_POOLS),
  }),
  z.object({ title: TitleSchema, change: BatchChangeSchema, filter: BatchFilterSchema }),
  z.object({
    title: TitleSchema,
    items: z
      .array(BatchPoolRefSchema.extend({ change: BatchChangeSchema }))
      .min(1, "Choose at least one pool")
      .max(MAX_BATCH_POOLS),
  }),
  // "Apply the standard": the BFF plans each drifting pool (of the fleet's filter when given) from
  // the stored standard; the browser never sends the per-pool changes (batch-standard.ts).
  z.object({ title: TitleSchema, standard: z.literal(true), filter: BatchFilterSchema.optional() }),
]);
export type CreateBatchRequest = z.input<typeof CreateBatchRequestSchema>;

/** The change that turns any configuration into `desired` (a standard's target, a per-pool plan). */
export function changeToReach(desired: LogDeliveryModel): BatchChange {
  const of = (d: Destination | null): BatchSourceChange =>
    d ? { action: "set", destination: { kind: d.kind, arn: d.arn } } : { action: "remove" };
  return { userNotification: of(desired.userNotification), userAuthEvents: of(desired.userAuthEvents) };
}

/** The ARN Cognito takes for a log group (never the `:*` form DescribeLogGroups answers; rules doc §2). */
export function logGroupArnIn(pool: BatchPoolRef, logGroupName: string): string {
  const partition = pool.region.startsWith("cn-")
    ? "aws-cn"
    : pool.region.startsWith("us-gov-")
      ? "aws-us-gov"
      : "aws";
  return `arn:${partition}:logs:${pool.region}:${pool.accountId}:log-group:${logGroupName}`;
}

/** The configuration `change` asks of a pool that holds `current` now. */
export function desiredConfiguration(
  pool: BatchPoolRef,
  current: LogDeliveryModel,
  change: BatchChange,
): LogDeliveryModel {
  const next = (source: EventSource): Destination | null => {
    const c = change[source];
    switch (c.action) {
      case "keep":
        return current[source] ?? null;
      case "remove":
        return null;
      case "set":
        return { kind: c.destination.kind, arn: c.destination.arn };
      case "set-log-group":
        return { kind: "logGroup", arn: logGroupArnIn(pool, c.logGroupName) };
    }
  };
  return { userNotification: next("userNotification"), userAuthEvents: next("userAuthEvents") };
}

// ---------- the plan and the run ----------

/**
 * What the review groups pools by: `ready` (applies as planned), `warning` (applies once an admin
 * acknowledges its warnings), `blocked` (cannot apply: `reason` says why), `nothing` (already as asked).
 */
export const BATCH_OUTCOMES = ["ready", "warning", "blocked", "nothing"] as const;
export const BatchOutcomeSchema = z.enum(BATCH_OUTCOMES);
export type BatchOutcome = z.infer<typeof BatchOutcomeSchema>;

/**
 * Where a pool is in the run: `pending` (to do), `running` (its write is being sent; a pool left
 * `running` by a stopped BFF is checked again on resume), `done` (AWS stored the change), `changed` (the pool
 * changed since it was planned: nothing written), `failed` (AWS or a check refused: `message`),
 * `skipped` (blocked or nothing to do: never sent), `cancelled` (the batch was cancelled first).
 */
export const BATCH_ITEM_STATES = [
  "pending",
  "running",
  "done",
  "changed",
  "failed",
  "skipped",
  "cancelled",
] as const;
export const BatchItemStateSchema = z.enum(BATCH_ITEM_STATES);
export type BatchItemState = z.infer<typeof BatchItemStateSchema>;

/**
 * `planned`: reviewed, not started; `running`; `paused` (an admin paused it: resume goes on);
 * `interrupted` (it was running when its BFF stopped: resume goes on); `cancelled`; `finished`
 * (every pool has an end state; some may have failed: see the items).
 */
export const BATCH_STATUSES = [
  "planned",
  "running",
  "paused",
  "interrupted",
  "cancelled",
  "finished",
] as const;
export const BatchStatusSchema = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof BatchStatusSchema>;

/** A log group a standard batch creates for one pool (tagged as the console's; never adopted). */
export const BatchCreateSchema = z.object({
  eventSource: z.enum(EVENT_SOURCES),
  kind: z.literal("logGroup"),
  name: z.string(),
  arn: z.string(),
});
export type BatchCreate = z.infer<typeof BatchCreateSchema>;

export const BatchItemSchema = z.object({
  /** The pool's place in the batch (0-based), the order it runs in. */
  seq: z.number().int().nonnegative(),
  accountId: z.string(),
  region: z.string(),
  poolId: z.string(),
  /** The pool's name when it could be read; else its id. */
  poolName: z.string(),
  change: BatchChangeShapeSchema,
  /** The version (ETag) the plan was made on; the write is refused if the pool moved on since. */
  plannedVersion: z.string().nullable(),
  before: LogDeliveryModelSchema.nullable(),
  desired: LogDeliveryModelSchema.nullable(),
  diff: z.array(SourceDiffSchema),
  errors: z.array(FieldErrorSchema),
  findings: z.array(FindingSchema),
  outcome: BatchOutcomeSchema,
  /** Why a pool is blocked, in the user's terms. */
  reason: z.string().nullable(),
  state: BatchItemStateSchema,
  /** What happened when it ran (or why it was skipped). */
  message: z.string().nullable(),
  /** The audit record of the pool's write (its attempt), once sent. */
  auditId: z.string().nullable(),
  /** When it reached its state (ISO 8601); null while pending. */
  finishedAt: z.string().nullable(),
  /** A rollback batch's pool (batch-rollback.ts): the audit record whose change its write undoes. */
  undoes: z.string().nullable().optional(),
  /** A rollback batch's pool: the batch it rolls back (every pool of a rollback batch carries it). */
  undoesBatch: z.string().optional(),
  /** Destinations the run creates before writing this pool (a standard's per-pool template). */
  creates: z.array(BatchCreateSchema).optional(),
  /** The standard's revision the pool was planned from (an "apply the standard" batch); else null. */
  standardRevision: z.number().int().nonnegative().nullable().optional(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

const countsOf = <T extends readonly string[]>(keys: T) =>
  z.object(
    Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as Record<
      T[number],
      z.ZodNumber
    >,
  );

export const BatchSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: BatchStatusSchema,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Whether an admin acknowledged the warnings (pools `warning` run only then). */
  warningsAcknowledged: z.boolean(),
  /** Pools per review outcome. */
  outcomes: countsOf(BATCH_OUTCOMES),
  /** Pools per run state. */
  states: countsOf(BATCH_ITEM_STATES),
  total: z.number().int().nonnegative(),
  /** The standard's revision an "apply the standard" batch was planned from; null for other batches. */
  standardRevision: z.number().int().nonnegative().nullable().optional(),
});
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

export const BatchSchema = BatchSummarySchema.extend({
  items: z.array(BatchItemSchema),
  /** The batch this one rolls back (batch-rollback.ts), if it is a rollback. */
  undoesBatch: z.string().nullable().optional(),
  /** The rollback batches made of this one, newest first. */
  rolledBackBy: z.array(z.string()).optional(),
  /**
   * A `running` batch that another console process holds (or held, if it stopped without letting
   * go, e.g. killed): when its claim lapses unless renewed (ISO 8601). The holder renews it every
   * third of CLC_RUN_CLAIM_MS; once it lapses the batch shows `interrupted` and can be resumed.
   * Absent when the answering process runs the batch itself, or the batch is not running.
   */
  heldUntil: z.string().optional(),
});
export type Batch = z.infer<typeof BatchSchema>;

export const BatchListResponseSchema = z.object({ items: z.array(BatchSummarySchema) });
export type BatchListResponse = z.infer<typeof BatchListResponseSchema>;

export const BatchParamsSchema = z.object({ batchId: z.uuid("Expected a batch id") });

/** `POST /api/batches/{id}/start` (and resume): pools with warnings run only when acknowledged. */
export const StartBatchRequestSchema = z.object({ acknowledgeWarnings: z.boolean().default(false) });
export type StartBatchRequest = z.input<typeof StartBatchRequestSchema>;

/** Which items a batch will send when it runs: ready ones, and warned ones once acknowledged. */
export function itemRuns(item: Pick<BatchItem, "outcome">, warningsAcknowledged: boolean): boolean {
  return item.outcome === "ready" || (item.outcome === "warning" && warningsAcknowledged);
}

/** Counts per outcome and per state, for a summary. */
export function batchCounts(items: readonly Pick<BatchItem, "outcome" | "state">[]): {
  outcomes: Record<BatchOutcome, number>;
  states: Record<BatchItemState, number>;
} {
  const outcomes = Object.fromEntries(BATCH_OUTCOMES.map((k) => [k, 0])) as Record<BatchOutcome, number>;
  const states = Object.fromEntries(BATCH_ITEM_STATES.map((k) => [k, 0])) as Record<BatchItemState, number>;
  for (const item of items) {
    outcomes[item.outcome] += 1;
    states[item.state] += 1;
  }
  return { outcomes, states };
}
