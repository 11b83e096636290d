/**
 * CloudWatch metrics' state, per account+region: each metric (namespace, name, dimensions) with its
 * data points. The sandbox's own traffic feeds it (the delivery simulation for AWS/Cognito, Firehose
 * for AWS/Firehose); clients only read it. JSON-serialisable; validated on restore (it comes from disk).
 */
import { z } from "zod";

const DimensionSchema = z.object({ Name: z.string(), Value: z.string() });
const MetricSchema = z.object({
  namespace: z.string(),
  metricName: z.string(),
  /** Sorted by name: the metric's identity is the set. */
  dimensions: z.array(DimensionSchema),
  /** [time in ms, value], oldest first. */
  points: z.array(z.tuple([z.number(), z.number()])),
});
export const CloudWatchSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), z.record(z.string(), MetricSchema)),
});

export type Dimension = z.infer<typeof DimensionSchema>;
export type StoredMetric = z.infer<typeof MetricSchema>;

/** Metrics by identity key, under `<account>/<region>`. */
export interface CloudWatchState {
  scopes: Record<string, Record<string, StoredMetric>>;
}

/** Data points kept per metric; older ones are dropped (CloudWatch keeps 1-minute data 15 days). */
export const KEPT_POINTS = 20_000;
/** CloudWatch drops data points older than 15 days from 1-minute resolution; so do we. */
export const RETENTION_MS = 15 * 86_400_000;

export function sortedDimensions(dimensions: Record<string, string> | readonly Dimension[]): Dimension[] {
  const list = Array.isArray(dimensions)
    ? [...(dimensions as readonly Dimension[])]
    : Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
  return list.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

export function metricKey(namespace: string, metricName: string, dimensions: readonly Dimension[]): string {
  return JSON.stringify([namespace, metricName, dimensions.map((d) => [d.Name, d.Value])]);
}

/** One data point as a service publishes it (how Cognito and Firehose report to CloudWatch). */
export interface MetricDatum {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch. */
  at: number;
}

/** What other sandbox services publish metrics through (AWS/… namespaces are AWS's own: no client may put to them). */
export interface MetricRecorder {
  record(scope: { accountId: string; region: string }, datum: MetricDatum): void;
}
