/**
 * Amazon CloudWatch metrics, read only: ListMetrics and GetMetricData, for delivery verification
 * (a pool's AWS/Cognito traffic, a Firehose stream's AWS/Firehose deliveries). The SDK v3 client
 * (3.1164) speaks awsJson1_0 with query-compatible errors. Quotas (CloudWatch "Service quotas"):
 * GetMetricData 50 TPS, ListMetrics 25 TPS per account and region; callers pace below them.
 */
import { GetMetricDataCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { z } from "zod";
import { createSend, listOf } from "./call.ts";
import type { AwsClients } from "./clients.ts";
import type { Deadline } from "./deadline.ts";

const DimensionSchema = z.object({ Name: z.string(), Value: z.string() });
const ListMetricsAnswerSchema = z.object({
  Metrics: listOf(
    z.object({
      Namespace: z.string().nullish(),
      MetricName: z.string().nullish(),
      Dimensions: listOf(DimensionSchema),
    }),
  ),
  NextToken: z.string().nullish(),
});
const GetMetricDataAnswerSchema = z.object({
  MetricDataResults: listOf(
    z.object({
      Id: z.string(),
      Timestamps: listOf(z.date()),
      Values: listOf(z.number()),
      StatusCode: z.string().nullish(),
    }),
  ),
  NextToken: z.string().nullish(),
});

export interface MetricIdentity {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

export interface MetricQuery extends MetricIdentity {
  /** `^[a-z][a-zA-Z0-9_]*$`, unique in the call. */
  id: string;
  stat: "Sum" | "SampleCount" | "Average" | "Minimum" | "Maximum";
  /** Seconds: 60 or a multiple of it. */
  period: number;
}

/** One query's data points, oldest first (times in ms). */
export interface MetricSeries {
  points: { at: number; value: number }[];
  /** `Complete`, or `PartialData` when the page limit stopped the read. */
  status: string;
}

/** Pages read at most per call: a bound on what one request may spend. */
const MAX_PAGES = 5;
/** GetMetricData takes up to 500 queries per call (API reference). */
export const MAX_QUERIES_PER_CALL = 500;

export interface CloudWatchGateway {
  /** Metrics of `namespace` whose dimensions include each filter (a filter without value: any value); all pages up to a bound. */
  listMetrics(
    region: string,
    query: { namespace: string; metricName?: string; dimensions: { name: string; value?: string }[] },
    deadline?: Deadline,
  ): Promise<{ metrics: MetricIdentity[]; truncated: boolean }>;
  /** The series of each query (up to 500) between `from` and `to` (ms). */
  getMetricData(
    region: string,
    queries: MetricQuery[],
    range: { from: number; to: number },
    deadline?: Deadline,
  ): Promise<Map<string, MetricSeries>>;
}

const toDimensions = (d: Record<string, string>) =>
  Object.entries(d).map(([Name, Value]) => ({ Name, Value }));

export function createCloudWatchGateway(clients: AwsClients): CloudWatchGateway {
  const send = createSend(clients.backgroundCallBudgetMs);
  return {
    async listMetrics(region, query, deadline) {
      const metrics: MetricIdentity[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const { answer } = await send(
          "cloudwatch.ListMetrics",
          clients.cloudwatch(region),
          new ListMetricsCommand({
            Namespace: query.namespace,
            ...(query.metricName ? { MetricName: query.metricName } : {}),
            Dimensions: query.dimensions.map((d) => ({
              Name: d.name,
              ...(d.value ? { Value: d.value } : {}),
            })),
            ...(token ? { NextToken: token } : {}),
          }),
          deadline,
          ListMetricsAnswerSchema,
        );
        for (const m of answer.Metrics) {
          if (!m.Namespace || !m.MetricName) continue;
          metrics.push({
            namespace: m.Namespace,
            metricName: m.MetricName,
            dimensions: Object.fromEntries(m.Dimensions.map((d) => [d.Name, d.Value])),
          });
        }
        token = answer.NextToken ?? undefined;
        if (!token) return { metrics, truncated: false };
      }
      return { metrics, truncated: true };
    },

    async getMetricData(region, queries, range, deadline) {
      const series = new Map<string, MetricSeries>();
      if (queries.length === 0) return series;
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const { answer } = await send(
          "cloudwatch.GetMetricData",
          clients.cloudwatch(region),
          new GetMetricDataCommand({
            StartTime: new Date(range.from),
            EndTime: new Date(range.to),
            ScanBy: "TimestampAscending",
            MetricDataQueries: queries.slice(0, MAX_QUERIES_PER_CALL).map((q) => ({
              Id: q.id,
              MetricStat: {
                Metric: {
                  Namespace: q.namespace,
                  MetricName: q.metricName,
                  Dimensions: toDimensions(q.dimensions),
                },
                Period: q.period,
                Stat: q.stat,
              },
            })),
            ...(token ? { NextToken: token } : {}),
          }),
          deadline,
          GetMetricDataAnswerSchema,
        );
        for (const r of answer.MetricDataResults) {
          const entry = series.get(r.Id) ?? { points: [], status: "Complete" };
          r.Timestamps.forEach((t, i) => {
            const value = r.Values[i];
            if (value !== undefined) entry.points.push({ at: t.getTime(), value });
          });
          if (r.StatusCode && r.StatusCode !== "Complete") entry.status = r.StatusCode;
          series.set(r.Id, entry);
        }
        token = answer.NextToken ?? undefined;
        if (!token) break;
        if (page === MAX_PAGES - 1) for (const entry of series.values()) entry.status = "PartialData";
      }
      for (const entry of series.values()) entry.points.sort((a, b) => a.at - b.at);
      return series;
    },
  };
}
