/**
 * GetMetricData (metric queries; no metric math) and ListMetrics, as the SDK v3 sends them today:
 * awsJson1_0 with `X-Amz-Target: GraniteServiceVersion20100801.<Op>` and AWS's query-compatible
 * errors (`x-amzn-query-error: <query code>;Sender`), checked against the SDK's CloudWatch model
 * (@aws-sdk/client-cloudwatch 3.1164: GetMetricDataInput, MetricDataQuery, ListMetricsInput) and
 * the API reference (GetMetricData: up to 500 queries, Id `^[a-z][a-zA-Z0-9_]*$`, results newest
 * first by default, only periods with data; ListMetrics: 500 per page).
 */

import { QueryCompatibleError } from "../../core/protocols/json.ts";
import { bool, int, list, operationWith, required, str, struct, timestamp } from "../../core/shapes.ts";
import type { CallContext, JsonOperation } from "../../core/types.ts";
import { decodeToken, encodeToken } from "../shared/paging.ts";
import {
  type CloudWatchState,
  type Dimension,
  metricKey,
  type StoredMetric,
  sortedDimensions,
} from "./model.ts";

/** Constraint violations: CloudWatch's query-era code (assumed kept under the JSON protocol). */
const cloudwatchOperation = operationWith("ValidationError");

const dimension = struct("Dimension", {
  Name: required(str({ min: 1, max: 255 })),
  Value: required(str({ min: 1, max: 1024 })),
});
const metric = struct("Metric", {
  Namespace: str({ min: 1, max: 255, pattern: "[^:].*" }),
  MetricName: str({ min: 1, max: 255 }),
  Dimensions: list(dimension, { max: 30 }),
});
const query = struct("MetricDataQuery", {
  Id: required(str({ min: 1, max: 255 })),
  MetricStat: struct("MetricStat", {
    Metric: required(metric),
    Period: required(int({ min: 1 })),
    Stat: required(str()),
    Unit: str(),
  }),
  Expression: str({ min: 1, max: 2048 }),
  Label: str(),
  ReturnData: bool,
  Period: int({ min: 1 }),
  AccountId: str({ min: 1, max: 255 }),
});
const GetMetricDataInput = struct("GetMetricDataInput", {
  MetricDataQueries: required(list(query, { max: 500 })),
  StartTime: required(timestamp),
  EndTime: required(timestamp),
  NextToken: str(),
  ScanBy: str({ enum: ["TimestampDescending", "TimestampAscending"] }),
  MaxDatapoints: int(),
  LabelOptions: struct("LabelOptions", { Timezone: str() }),
});
const dimensionFilter = struct("DimensionFilter", {
  Name: required(str({ min: 1, max: 255 })),
  Value: str({ min: 1, max: 1024 }),
});
const ListMetricsInput = struct("ListMetricsInput", {
  Namespace: str({ min: 1, max: 255, pattern: "[^:].*" }),
  MetricName: str({ min: 1, max: 255 }),
  Dimensions: list(dimensionFilter, { max: 10 }),
  NextToken: str(),
  RecentlyActive: str({ enum: ["PT3H"] }),
  IncludeLinkedAccounts: bool,
  OwningAccount: str({ min: 1, max: 255 }),
});

const ID_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;
const STATS = ["Sum", "SampleCount", "Average", "Minimum", "Maximum"] as const;
const LIST_PAGE = 500;

const invalidValue = (message: string) =>
  new QueryCompatibleError("InvalidParameterValueException", "InvalidParameterValue", message);

function aggregate(values: number[], stat: (typeof STATS)[number]): number {
  if (stat === "SampleCount") return values.length;
  if (stat === "Sum") return values.reduce((a, b) => a + b, 0);
  if (stat === "Average") return values.reduce((a, b) => a + b, 0) / values.length;
  if (stat === "Minimum") return Math.min(...values);
  return Math.max(...values);
}

export function metricOperations(state: CloudWatchState): Record<string, JsonOperation> {
  const scopeOf = (ctx: CallContext) => state.scopes[`${ctx.accountId}/${ctx.region}`] ?? {};

  return {
    GetMetricData: cloudwatchOperation(GetMetricDataInput, (input, ctx) => {
      const start = input.StartTime * 1000;
      const end = input.EndTime * 1000;
      // Text and codes as moto 5.2.1 answers (it copies AWS's texts); the other checks' texts below are ours.
      if (!(start < end)) {
        throw new QueryCompatibleError(
          "ValidationException",
          "ValidationError",
          "The parameter EndTime must be greater than StartTime.",
        );
      }
      if (input.MetricDataQueries.length === 0) {
        throw new QueryCompatibleError(
          "MissingRequiredParameterException",
          "MissingParameter",
          "The parameter MetricDataQueries is required.",
        );
      }
      const ids = new Set<string>();
      for (const q of input.MetricDataQueries) {
        if (!ID_PATTERN.test(q.Id)) {
          throw invalidValue(
            `The value ${q.Id} for parameter MetricDataQueries.member.Id is not valid: it must start with a lower-case letter and hold only letters, digits and underscores.`,
          );
        }
        if (ids.has(q.Id))
          throw invalidValue(
            `The value ${q.Id} for parameter MetricDataQueries.member.Id is used more than once.`,
          );
        ids.add(q.Id);
        if ((q.MetricStat === undefined) === (q.Expression === undefined)) {
          throw invalidValue(`The query ${q.Id} must have exactly one of MetricStat and Expression.`);
        }
        if (q.Expression !== undefined) {
          throw invalidValue(`The query ${q.Id}: metric math expressions are not served by the sandbox.`);
        }
        const stat = q.MetricStat?.Stat ?? "";
        if (!(STATS as readonly string[]).includes(stat)) {
          throw invalidValue(
            `The query ${q.Id}: statistic ${stat} is not served by the sandbox (use ${STATS.join(", ")}).`,
          );
        }
        const period = q.MetricStat?.Period ?? 0;
        if (!([1, 5, 10, 20, 30].includes(period) || period % 60 === 0)) {
          throw invalidValue(
            `The parameter Period must be 1, 5, 10, 20, 30 or a multiple of 60; got ${period}.`,
          );
        }
      }
      if (input.NextToken !== undefined && decodeToken(input.NextToken) === undefined) {
        throw new QueryCompatibleError(
          "InvalidNextToken",
          "InvalidNextToken",
          "The service couldn't process your request because the NextToken is invalid.",
        );
      }
      const scope = scopeOf(ctx);
      const ascending = input.ScanBy === "TimestampAscending";
      // Every query has a MetricStat here: expressions were refused above.
      const statQueries = input.MetricDataQueries.flatMap((q) =>
        q.ReturnData !== false && q.MetricStat ? [{ q, stat: q.MetricStat }] : [],
      );
      const results = statQueries.map(({ q, stat }) => {
        const m = stat.Metric;
        const key = metricKey(m.Namespace ?? "", m.MetricName ?? "", sortedDimensions(m.Dimensions ?? []));
        const stored: StoredMetric | undefined = scope[key];
        const periodMs = stat.Period * 1000;
        const buckets = new Map<number, number[]>();
        for (const [t, v] of stored?.points ?? []) {
          if (t < start || t >= end) continue;
          // Periods start at StartTime, as GetMetricData's answer for a StartTime on a period boundary.
          const bucket = start + Math.floor((t - start) / periodMs) * periodMs;
          const values = buckets.get(bucket) ?? [];
          values.push(v);
          buckets.set(bucket, values);
        }
        const times = [...buckets.keys()].sort((a, b) => (ascending ? a - b : b - a));
        return {
          Id: q.Id,
          Label: q.Label ?? m.MetricName ?? q.Id,
          Timestamps: times.map((t) => t / 1000),
          Values: times.map((t) => aggregate(buckets.get(t) ?? [], stat.Stat as (typeof STATS)[number])),
          StatusCode: "Complete",
        };
      });
      return { MetricDataResults: results, Messages: [] };
    }),

    ListMetrics: cloudwatchOperation(ListMetricsInput, (input, ctx) => {
      const position = input.NextToken === undefined ? 0 : decodeToken(input.NextToken);
      if (typeof position !== "number") {
        throw new QueryCompatibleError(
          "InvalidNextToken",
          "InvalidNextToken",
          "The service couldn't process your request because the NextToken is invalid.",
        );
      }
      const filters = input.Dimensions ?? [];
      const recentFrom =
        input.RecentlyActive === "PT3H" ? ctx.now() - 3 * 3_600_000 : Number.NEGATIVE_INFINITY;
      const matches = Object.entries(scopeOf(ctx))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, m]) => m)
        .filter(
          (m) =>
            (input.Namespace === undefined || m.namespace === input.Namespace) &&
            (input.MetricName === undefined || m.metricName === input.MetricName) &&
            filters.every((f) =>
              m.dimensions.some(
                (d: Dimension) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value),
              ),
            ) &&
            (m.points.at(-1)?.[0] ?? Number.NEGATIVE_INFINITY) >= recentFrom,
        );
      const page = matches.slice(position, position + LIST_PAGE);
      return {
        Metrics: page.map((m) => ({
          Namespace: m.namespace,
          MetricName: m.metricName,
          Dimensions: m.dimensions,
        })),
        ...(position + LIST_PAGE < matches.length ? { NextToken: encodeToken(position + LIST_PAGE) } : {}),
      };
    }),
  };
}
