/**
 * Firehose's state, per account+region: delivery streams by name with their destination, tags and
 * the deliveries they made (kept for diagnostics). JSON-serialisable; validated on restore because
 * it comes from disk.
 */
import { z } from "zod";

const TagSchema = z.object({ Key: z.string(), Value: z.string() });
const DestinationSchema = z.object({
  id: z.string(),
  kind: z.enum(["S3", "ExtendedS3", "HttpEndpoint"]),
  config: z.record(z.string(), z.unknown()),
});
const DeliveryLogSchema = z.object({
  at: z.number(),
  target: z.string(),
  records: z.number(),
  bytes: z.number(),
  ok: z.boolean(),
  reason: z.string().optional(),
  /** Base64 of the records, for endpoint deliveries only. */
  data: z.array(z.string()).optional(),
});
const StreamSchema = z.object({
  name: z.string(),
  type: z.string(),
  createdAt: z.number(),
  activeAt: z.number(),
  lastUpdatedAt: z.number().optional(),
  versionId: z.number(),
  encryption: z.record(z.string(), z.unknown()).optional(),
  destinations: z.array(DestinationSchema),
  tags: z.array(TagSchema),
  deliveries: z.array(DeliveryLogSchema),
});
export const FirehoseSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), z.record(z.string(), StreamSchema)),
});

export type Stream = z.infer<typeof StreamSchema>;
export type Destination = z.infer<typeof DestinationSchema>;
export type FirehoseDelivery = z.infer<typeof DeliveryLogSchema>;

/** Streams by name, under `<account>/<region>`. */
export interface FirehoseState {
  scopes: Record<string, Record<string, Stream>>;
}
