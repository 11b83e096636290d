/**
 * `GET /api/pools/{poolId}/delivery?window=24h`: is each event source of the pool delivering, and
 * what arrived. The BFF validates with these and documents them in OpenAPI; the web derives its types.
 */
import { z } from "zod";
import { UserPoolIdSchema } from "../api.ts";
import {
  DestinationKindSchema,
  EventSourceSchema,
  PoolTierSchema,
  ThreatProtectionSchema,
} from "../model.ts";
import { DeliveredEventSchema } from "./events.ts";
import { PlusPlanHelpSchema } from "./plus.ts";
import { DeliveryStateSchema, DeliveryVerdictReasonSchema } from "./state.ts";
import { DEFAULT_DELIVERY_WINDOW, DeliveryWindowSchema } from "./window.ts";

export const PoolDeliveryParamsSchema = z.object({ poolId: UserPoolIdSchema });
export const PoolDeliveryQuerySchema = z.object({
  window: DeliveryWindowSchema.default(DEFAULT_DELIVERY_WINDOW),
  /** S3 destinations: also read the events of the newest object (one GetObject). */
  objectEvents: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});
export type PoolDeliveryQuery = z.input<typeof PoolDeliveryQuerySchema>;

export const DeliveryTrafficSchema = z.object({
  signIns: z.number().int().nonnegative(),
  signUps: z.number().int().nonnegative(),
  tokenRefreshes: z.number().int().nonnegative(),
  federations: z.number().int().nonnegative(),
});

/** A log stream of the destination log group, newest first (DescribeLogStreams by LastEventTime). */
const LogStreamRowSchema = z.object({ name: z.string(), lastEventAt: z.string().nullable() });
/** An object under `AWSLogs/<account>/…` of the destination bucket, newest first. */
const ObjectRowSchema = z.object({ key: z.string(), lastModified: z.string().nullable(), size: z.number() });

export const StreamMetricsSchema = z.object({
  incomingRecords: z.number().nonnegative(),
  attempts: z.number().nonnegative(),
  failedAttempts: z.number().nonnegative(),
  /** `DeliveryToHttpEndpoint` or `DeliveryToS3`: which metrics were read. */
  metricPrefix: z.string(),
  /** Where failed records go (an HTTP endpoint's backup bucket), when the stream has one. */
  backupBucket: z.string().nullable(),
});

export const SourceDeliverySchema = z.object({
  eventSource: EventSourceSchema,
  state: DeliveryStateSchema,
  reason: DeliveryVerdictReasonSchema,
  destination: z
    .object({
      kind: DestinationKindSchema,
      arn: z.string(),
      name: z.string(),
      /** The destination in the AWS console. */
      consoleUrl: z.string(),
    })
    .nullable(),
  lastEventAt: z.string().nullable(),
  /** Events for this pool in the window; null when unknown. */
  eventsInWindow: z.number().int().nonnegative().nullable(),
  /** True when the count stopped at the read's bound (there may be more). */
  countIsLowerBound: z.boolean(),
  /**
   * What `eventsInWindow` counts: the pool's events (log group, or the newest S3 object read),
   * objects written in the window (S3), or records into the stream from every pool that writes to
   * it (Firehose, AWS/Firehose IncomingRecords).
   */
  countUnit: z.enum(["events", "objects", "records"]),
  recent: z.array(DeliveredEventSchema),
  logStreams: z.array(LogStreamRowSchema).optional(),
  objects: z.array(ObjectRowSchema).optional(),
  stream: StreamMetricsSchema.optional(),
  readError: z.string().nullable(),
});
export type SourceDelivery = z.infer<typeof SourceDeliverySchema>;

export const PoolDeliveryResponseSchema = z.object({
  poolId: z.string(),
  region: z.string(),
  tier: PoolTierSchema,
  threatProtection: ThreatProtectionSchema,
  window: z.object({ text: z.string(), seconds: z.number().int(), from: z.string(), to: z.string() }),
  /** The pool's traffic in the window (AWS/Cognito); null when the metrics could not be read. */
  traffic: DeliveryTrafficSchema.nullable(),
  trafficError: z.string().nullable(),
  sources: z.object({ userNotification: SourceDeliverySchema, userAuthEvents: SourceDeliverySchema }),
  /** For pools without Plus: what it would enable and how to change it. */
  plusPlan: PlusPlanHelpSchema.nullable(),
  checkedAt: z.string(),
});
export type PoolDeliveryResponse = z.infer<typeof PoolDeliveryResponseSchema>;
