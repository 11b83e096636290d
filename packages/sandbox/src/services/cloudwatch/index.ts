/**
 * Amazon CloudWatch metrics (awsJson1_0, `GraniteServiceVersion20100801.<Op>`, query-compatible
 * errors): GetMetricData and ListMetrics over the metrics the sandbox's own services publish
 * (`record`, the way AWS services publish theirs: AWS/Cognito from the simulated user traffic,
 * AWS/Firehose from Firehose's deliveries). PutMetricData is not served: the console never writes
 * metrics, and AWS/ namespaces are AWS's own.
 */
import type { JsonService, StatefulService } from "../../core/types.ts";
import { metricOperations } from "./metrics.ts";
import {
  CloudWatchSnapshotSchema,
  type CloudWatchState,
  KEPT_POINTS,
  type MetricRecorder,
  metricKey,
  RETENTION_MS,
  sortedDimensions,
} from "./model.ts";

export type { MetricDatum, MetricRecorder } from "./model.ts";

export type CloudWatchService = JsonService & StatefulService & MetricRecorder;

export function createCloudWatchService(): CloudWatchService {
  const state: CloudWatchState = { scopes: {} };
  return {
    targetPrefix: "GraniteServiceVersion20100801",
    signingName: "monitoring",
    operations: {
      // GetMetricData, ListMetrics
      ...metricOperations(state),
    },
    record(scope, datum) {
      const scopeKey = `${scope.accountId}/${scope.region}`;
      const metrics = state.scopes[scopeKey] ?? {};
      state.scopes[scopeKey] = metrics;
      const dimensions = sortedDimensions(datum.dimensions);
      const key = metricKey(datum.namespace, datum.metricName, dimensions);
      const metric = metrics[key] ?? {
        namespace: datum.namespace,
        metricName: datum.metricName,
        dimensions,
        points: [],
      };
      metrics[key] = metric;
      metric.points.push([datum.at, datum.value]);
      // Points arrive in time order from one clock; a seeded past point is placed where it belongs.
      if (metric.points.length > 1 && (metric.points.at(-2)?.[0] ?? 0) > datum.at) {
        metric.points.sort((a, b) => a[0] - b[0]);
      }
      const oldest = datum.at - RETENTION_MS;
      let drop = Math.max(0, metric.points.length - KEPT_POINTS);
      while (drop < metric.points.length && (metric.points[drop]?.[0] ?? 0) < oldest) drop += 1;
      if (drop > 0) metric.points.splice(0, drop);
    },
    snapshot() {
      return { version: 1, scopes: state.scopes };
    },
    restore(snapshot) {
      const parsed = CloudWatchSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(
          `cloudwatch: the saved state is not a cloudwatch snapshot (version 1): ${parsed.error.message}`,
        );
      }
      state.scopes = parsed.data.scopes;
    },
  };
}
