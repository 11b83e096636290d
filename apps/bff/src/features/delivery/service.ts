/**
 * Is each event source of a pool delivering (issue 15)? Reads the pool (cached fleet read), its
 * AWS/Cognito traffic and each configured destination, and lets the domain judge the state
 * (`judgeDelivery`). Answers are cached briefly and shared while under way, so a live tail polled
 * by several people costs one read per pool and window; a failed read is not kept.
 */
import {
  COGNITO_TRAFFIC_METRICS,
  type Destination,
  type DestinationKind,
  destinationConsoleUrl,
  EVENT_SOURCES,
  type EventSource,
  isFieldError,
  judgeDelivery,
  type PoolDeliveryResponse,
  type PoolTraffic,
  parseDestinationArn,
  plusPlanHelp,
  type SourceDelivery,
  windowSeconds,
} from "@clc/domain";
import { LRUCache } from "lru-cache";
import type { CloudWatchGateway, MetricQuery } from "../../aws/cloudwatch-gateway.ts";
import { type Deadline, raceSignal, startDeadline } from "../../aws/deadline.ts";
import { deadlineExceeded } from "../../aws/errors.ts";
import { badRequest } from "../../lib/errors.ts";
import { requireConfiguredRegion } from "../../lib/regions.ts";
import type { AccountFleet } from "../fleet/service.ts";
import { type CallPacer, createCallPacer } from "./pacing.ts";
import { type DestinationRead, type ReaderDeps, readBucket, readLogGroup, readStream } from "./readers.ts";

export interface PoolDeliveryQuery {
  window: string;
  objectEvents: boolean;
  /** The fleet's check: the state only, so fewer reads (readers.ts ReadScope.brief). */
  brief?: boolean;
}

export interface PoolDeliveryService {
  /** Throws ServiceError for a pool outside the configured regions; AWS failures of a destination become its `readError`. */
  read(poolId: string, query: PoolDeliveryQuery, deadline: Deadline): Promise<PoolDeliveryResponse>;
}

export interface PoolDeliveryDeps extends Omit<ReaderDeps, "pacer" | "cloudwatch"> {
  regions: readonly string[];
  /** The per-pool reads of the pool's account (the service is built per account: accounts/service.ts AccountScope). */
  fleet: Pick<AccountFleet, "readPool">;
  cloudwatch: Pick<CloudWatchGateway, "listMetrics" | "getMetricData">;
  pacer?: CallPacer;
  /** How long an answer is reused (default 10 s: the live tail's polling interval). */
  cacheTtlMs?: number;
  now?: () => number;
}

/** Why a read failed, in the user's terms (the gateway's AwsCallError says which call and what AWS answered). */
function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const emptyRead = (unit: SourceDelivery["countUnit"]): DestinationRead => ({
  lastEventAt: null,
  eventsInWindow: null,
  countIsLowerBound: false,
  countUnit: unit,
  recent: [],
});

/** The share of a request's AWS budget its destination reads may use (the rest: assembling the answer). */
const READ_SHARE = 0.8;

const UNIT_OF_KIND: Record<DestinationKind, SourceDelivery["countUnit"]> = {
  logGroup: "events",
  s3: "objects",
  firehose: "records",
};

export function createPoolDeliveryService(deps: PoolDeliveryDeps): PoolDeliveryService {
  const now = deps.now ?? Date.now;
  const pacer = deps.pacer ?? createCallPacer();
  const readerDeps: ReaderDeps = { ...deps, pacer };
  const cache = new LRUCache<string, Promise<PoolDeliveryResponse>>({
    max: 500,
    ttl: deps.cacheTtlMs ?? 10_000,
  });

  /** The pool's requests in the window, summed over its app clients (SampleCount of each metric). */
  async function readTraffic(region: string, poolId: string, from: number, to: number, deadline: Deadline) {
    await pacer.wait("cloudwatch.ListMetrics", region, deadline.signal);
    const { metrics } = await deps.cloudwatch.listMetrics(
      region,
      { namespace: "AWS/Cognito", dimensions: [{ name: "UserPool", value: poolId }] },
      deadline,
    );
    const period = Math.max(60, Math.ceil((to - from) / 60_000) * 60);
    const queries: (MetricQuery & { field: keyof PoolTraffic })[] = metrics.flatMap((m, i) => {
      const field = COGNITO_TRAFFIC_METRICS[m.metricName as keyof typeof COGNITO_TRAFFIC_METRICS];
      return field ? [{ ...m, id: `m${i}`, stat: "SampleCount" as const, period, field }] : [];
    });
    const traffic: PoolTraffic = { signIns: 0, signUps: 0, tokenRefreshes: 0, federations: 0 };
    if (queries.length === 0) return traffic;
    await pacer.wait("cloudwatch.GetMetricData", region, deadline.signal);
    const series = await deps.cloudwatch.getMetricData(region, queries.slice(0, 500), { from, to }, deadline);
    for (const q of queries) {
      traffic[q.field] += Math.round((series.get(q.id)?.points ?? []).reduce((n, p) => n + p.value, 0));
    }
    return traffic;
  }

  async function readDestination(
    destination: Destination,
    scope: Parameters<typeof readLogGroup>[1],
    objectEvents: boolean,
  ): Promise<{ read: DestinationRead; name: string; readError: string | null }> {
    const parsed = parseDestinationArn(destination.arn, "destination.arn");
    const name = isFieldError(parsed) ? destination.arn : parsed.name;
    if (isFieldError(parsed)) {
      return { read: emptyRead(UNIT_OF_KIND[destination.kind]), name, readError: parsed.message };
    }
    try {
      const read =
        destination.kind === "logGroup"
          ? await readLogGroup(readerDeps, scope, name)
          : destination.kind === "s3"
            ? await readBucket(readerDeps, scope, name, objectEvents)
            : await readStream(readerDeps, scope, name);
      return { read, name, readError: null };
    } catch (error) {
      return { read: emptyRead(UNIT_OF_KIND[destination.kind]), name, readError: failureText(error) };
    }
  }

  async function compute(poolId: string, region: string, query: PoolDeliveryQuery, deadline: Deadline) {
    const seconds = windowSeconds(query.window);
    // The route's schema checked it already; a caller that did not gets the same refusal.
    if (seconds === null) throw badRequest(`"${query.window}" is not a delivery window (5m to 14d).`);
    const pool = await deps.fleet.readPool(region, poolId, { deadline });
    const to = now();
    const from = to - seconds * 1000;
    const { tier, threatProtection, accountId } = pool.facts;
    const applicable = (source: EventSource) =>
      source === "userNotification" || (tier === "PLUS" && threatProtection !== "OFF");

    let trafficError: string | null = null;
    const trafficRead = readTraffic(region, poolId, from, to, deadline).catch((error: unknown) => {
      trafficError = failureText(error);
      return null;
    });
    const scope = { poolId, accountId, region, from, to, deadline, brief: query.brief ?? false };
    const sourceReads = EVENT_SOURCES.map(async (source) => {
      const destination = pool.configuration[source];
      if (!destination || !applicable(source)) return { source, destination, found: null };
      return { source, destination, found: await readDestination(destination, scope, query.objectEvents) };
    });
    const [traffic, ...reads] = await Promise.all([trafficRead, ...sourceReads]);

    const sources = {} as Record<EventSource, SourceDelivery>;
    for (const { source, destination, found } of reads) {
      const read = found?.read ?? emptyRead(destination ? UNIT_OF_KIND[destination.kind] : "events");
      const verdict = judgeDelivery({
        eventSource: source,
        tier,
        threatProtection,
        configured: destination !== null,
        eventsInWindow: found ? read.eventsInWindow : 0,
        traffic,
        stream: read.stream ?? null,
        readError: found?.readError ?? null,
      });
      sources[source] = {
        eventSource: source,
        state: verdict.state,
        reason: verdict.reason,
        destination: destination
          ? {
              kind: destination.kind,
              arn: destination.arn,
              name: found?.name ?? destination.arn,
              consoleUrl: destinationConsoleUrl(
                destination.kind,
                found?.name ?? destination.arn,
                region,
                accountId,
              ),
            }
          : null,
        ...read,
        readError: found?.readError ?? null,
      };
    }
    return {
      poolId,
      region,
      tier,
      threatProtection,
      window: {
        text: query.window,
        seconds,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      },
      traffic,
      trafficError,
      sources,
      plusPlan: plusPlanHelp({ id: poolId, region, tier }),
      checkedAt: new Date(to).toISOString(),
    } satisfies PoolDeliveryResponse;
  }

  return {
    read(poolId, query, deadline) {
      const region = requireConfiguredRegion(poolId, deps.regions);
      const key = `${poolId}|${query.window}|${query.objectEvents}|${query.brief ?? false}`;
      let flight = cache.get(key);
      if (!flight) {
        // The reads get 80 % of the request's budget: what AWS did not answer in time is then
        // reported as unread (state unknown) within the request's deadline, instead of a 504
        // that hides what was read.
        const reads = startDeadline(Math.max(100, Math.floor(deadline.budgetMs * READ_SHARE)), deadline.lane);
        const stop = () => reads.end();
        deadline.signal.addEventListener("abort", stop, { once: true });
        flight = compute(poolId, region, query, reads).finally(() => {
          deadline.signal.removeEventListener("abort", stop);
          reads.end();
        });
        cache.set(key, flight);
        flight.catch(() => {
          if (cache.get(key) === flight) cache.delete(key);
        });
      }
      // A shared flight runs under the deadline of the request that started it; this one waits no longer than its own.
      return raceSignal(flight, deadline.signal).catch((error: unknown) => {
        if (deadline.signal.aborted && error === deadline.signal.reason) {
          throw deadlineExceeded("delivery check", deadline);
        }
        throw error;
      });
    },
  };
}
