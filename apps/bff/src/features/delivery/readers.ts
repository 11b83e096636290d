/**
 * How each destination kind is read for one pool and window (issue 15): what arrived, when, and the
 * most recent records in the user's terms. Every read is bounded (pages, bytes) and paced per
 * operation (pacing.ts); every call runs under the request's deadline.
 */
import {
  type DeliveredEvent,
  eventIsForPool,
  metricPeriodFor,
  readDeliveredEvent,
  type SourceDelivery,
} from "@clc/domain";
import type { CloudWatchGateway } from "../../aws/cloudwatch-gateway.ts";
import type { Deadline } from "../../aws/deadline.ts";
import type { FirehoseGateway } from "../../aws/firehose-gateway.ts";
import type { LogsEventsGateway } from "../../aws/logs-events-gateway.ts";
import type { S3ObjectsGateway } from "../../aws/s3-objects-gateway.ts";
import type { CallPacer } from "./pacing.ts";

/** The most recent records shown per event source. */
export const RECENT_EVENTS = 20;
/** FilterLogEvents pages read per window (1,000 events each): 3 calls at 4/s stay under a second. */
const FILTER_PAGES = 3;
const FILTER_PAGE_SIZE = 1000;
/** ListObjectsV2 pages (1,000 keys each) read under the delivery prefix. */
const LIST_PAGES = 3;
/** Largest object read for its events (vended log objects are far smaller). */
const MAX_OBJECT_BYTES = 5 * 1024 * 1024;

export interface ReaderDeps {
  cloudwatch: Pick<CloudWatchGateway, "getMetricData">;
  logsEvents: Pick<LogsEventsGateway, "newestLogStreams" | "filterLogEvents">;
  s3Objects: Pick<S3ObjectsGateway, "listObjects" | "getObjectText">;
  firehose: Pick<FirehoseGateway, "describeDeliveryStream">;
  pacer: CallPacer;
}

export interface ReadScope {
  poolId: string;
  accountId: string;
  /** The destination's region (the pool's: AWS refuses destinations elsewhere, rules doc §2). */
  region: string;
  from: number;
  to: number;
  deadline: Deadline;
  /** The fleet's check: enough to judge the state (no second search for the newest events, no backup-bucket records). */
  brief?: boolean;
}

/** What a reader found: the parts of SourceDelivery that come from the destination. */
export type DestinationRead = Pick<
  SourceDelivery,
  | "lastEventAt"
  | "eventsInWindow"
  | "countIsLowerBound"
  | "countUnit"
  | "recent"
  | "logStreams"
  | "objects"
  | "stream"
>;

const iso = (ms: number | null | undefined) => (typeof ms === "number" ? new Date(ms).toISOString() : null);
const newestFirst = (events: DeliveredEvent[]) =>
  [...events].sort((a, b) => (b.at ?? "").localeCompare(a.at ?? "")).slice(0, RECENT_EVENTS);

/**
 * A log group: its streams by last event time, and the pool's events in the window
 * (FilterLogEvents with a filter on `logSourceId.userPoolId`, then checked again client-side, so a
 * group several pools share shows this pool's only). When the window holds more than the pages
 * read, the most recent events come from a second search over the last ten minutes before the
 * newest event.
 */
export async function readLogGroup(
  deps: ReaderDeps,
  scope: ReadScope,
  logGroupName: string,
): Promise<DestinationRead> {
  const signal = scope.deadline.signal;
  await deps.pacer.wait("logs.DescribeLogStreams", scope.region, signal);
  const streams = await deps.logsEvents.newestLogStreams(scope.region, logGroupName, 5, scope.deadline);
  const filterPattern = `{ $.logSourceId.userPoolId = "${scope.poolId}" }`;
  const search = (from: number, maxPages: number) =>
    deps.logsEvents.filterLogEvents(
      scope.region,
      {
        logGroupName,
        from,
        to: scope.to,
        filterPattern,
        pageSize: FILTER_PAGE_SIZE,
        maxPages,
        beforePage: () => deps.pacer.wait("logs.FilterLogEvents", scope.region, signal),
      },
      scope.deadline,
    );
  const found = await search(scope.from, FILTER_PAGES);
  const mine = found.events
    .map((e) => ({ at: e.timestamp, event: readDeliveredEvent(e.message, e.timestamp) }))
    .filter((e) => eventIsForPool(e.event, scope.poolId));
  let recent = mine;
  if (found.truncated && !scope.brief) {
    const newest = streams.find((s) => s.lastEventAt !== null)?.lastEventAt ?? scope.to;
    const tail = await search(Math.max(scope.from, newest - 10 * 60_000), 1);
    recent = tail.events
      .map((e) => ({ at: e.timestamp, event: readDeliveredEvent(e.message, e.timestamp) }))
      .filter((e) => eventIsForPool(e.event, scope.poolId));
  }
  const lastAt = [...mine, ...recent].reduce<number | null>(
    (m, e) => (m === null || e.at > m ? e.at : m),
    null,
  );
  // No event in the window: the newest stream named after the pool still says when it last received one.
  const ownStream = streams.find((s) => s.name.includes(scope.poolId) && s.lastEventAt !== null);
  return {
    lastEventAt: iso(lastAt ?? ownStream?.lastEventAt ?? null),
    eventsInWindow: mine.length,
    countIsLowerBound: found.truncated,
    countUnit: "events",
    recent: newestFirst(recent.map((e) => e.event)),
    logStreams: streams.map((s) => ({ name: s.name, lastEventAt: iso(s.lastEventAt) })),
  };
}

/** The newest object's records for the pool, when asked (one GetObject). */
async function eventsOfObject(
  deps: ReaderDeps,
  scope: ReadScope,
  bucket: string,
  key: string,
  lastModified: number | null,
  decode: (line: string) => string | null,
): Promise<DeliveredEvent[]> {
  await deps.pacer.wait("s3.GetObject", scope.region, scope.deadline.signal);
  const text = await deps.s3Objects.getObjectText(
    scope.region,
    bucket,
    key,
    MAX_OBJECT_BYTES,
    scope.deadline,
  );
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      const record = decode(line);
      return record === null ? [] : [readDeliveredEvent(record, lastModified)];
    })
    .filter((e) => eventIsForPool(e, scope.poolId));
}

/**
 * An S3 bucket: the newest objects under `AWSLogs/<account>/` (ListObjectsV2, bounded), those
 * written in the window, and the events of the newest one when `withEvents`. Objects whose key
 * names the pool are preferred: a bucket may collect several pools' logs.
 */
export async function readBucket(
  deps: ReaderDeps,
  scope: ReadScope,
  bucket: string,
  withEvents: boolean,
): Promise<DestinationRead> {
  await deps.pacer.wait("s3.ListObjectsV2", scope.region, scope.deadline.signal);
  const listed = await deps.s3Objects.listObjects(
    scope.region,
    bucket,
    `AWSLogs/${scope.accountId}/`,
    LIST_PAGES,
    scope.deadline,
  );
  const named = listed.objects.filter((o) => o.key.includes(scope.poolId));
  const objects = (named.length > 0 ? named : listed.objects).sort(
    (a, b) => (b.lastModified ?? 0) - (a.lastModified ?? 0),
  );
  const inWindow = objects.filter(
    (o) => (o.lastModified ?? 0) >= scope.from && (o.lastModified ?? 0) <= scope.to,
  );
  const newest = objects[0];
  const recent =
    withEvents && newest
      ? await eventsOfObject(deps, scope, bucket, newest.key, newest.lastModified, (line) => line)
      : [];
  return {
    lastEventAt: iso(newest?.lastModified ?? null),
    eventsInWindow: inWindow.length,
    countIsLowerBound: listed.truncated,
    countUnit: "objects",
    recent: newestFirst(recent),
    objects: objects
      .slice(0, 10)
      .map((o) => ({ key: o.key, lastModified: iso(o.lastModified), size: o.size })),
  };
}

const sum = (points: { value: number }[] | undefined) => (points ?? []).reduce((n, p) => n + p.value, 0);

/**
 * A Firehose stream: its AWS/Firehose metrics in the window (IncomingRecords; the destination's
 * `.Success`, whose SampleCount is the delivery attempts and Sum the successful ones), and, when
 * an HTTP endpoint failed, the failed records in its backup bucket (`http-endpoint-failed/`).
 */
export async function readStream(
  deps: ReaderDeps,
  scope: ReadScope,
  streamName: string,
): Promise<DestinationRead> {
  const signal = scope.deadline.signal;
  await deps.pacer.wait("firehose.DescribeDeliveryStream", scope.region, signal);
  const described = await deps.firehose.describeDeliveryStream(scope.region, streamName, scope.deadline);
  const prefix = described.destinationType === "http" ? "DeliveryToHttpEndpoint" : "DeliveryToS3";
  const period = metricPeriodFor((scope.to - scope.from) / 1000);
  const dimensions = { DeliveryStreamName: streamName };
  const query = (id: string, metricName: string, stat: "Sum" | "SampleCount") => ({
    id,
    namespace: "AWS/Firehose",
    metricName,
    dimensions,
    stat,
    period,
  });
  await deps.pacer.wait("cloudwatch.GetMetricData", scope.region, signal);
  const series = await deps.cloudwatch.getMetricData(
    scope.region,
    [
      query("incoming", "IncomingRecords", "Sum"),
      query("succeeded", `${prefix}.Success`, "Sum"),
      query("attempts", `${prefix}.Success`, "SampleCount"),
    ],
    { from: scope.from, to: scope.to },
    scope.deadline,
  );
  const incoming = series.get("incoming")?.points ?? [];
  const attempts = sum(series.get("attempts")?.points);
  const failedAttempts = Math.max(0, attempts - sum(series.get("succeeded")?.points));
  const backupBucket =
    described.destinationType === "http" && described.bucketArn
      ? described.bucketArn.replace(/^arn:[^:]+:s3:::/, "")
      : null;
  let recent: DeliveredEvent[] = [];
  if (failedAttempts > 0 && backupBucket && !scope.brief) {
    await deps.pacer.wait("s3.ListObjectsV2", scope.region, signal);
    const failed = await deps.s3Objects.listObjects(
      scope.region,
      backupBucket,
      "http-endpoint-failed/",
      1,
      scope.deadline,
    );
    const newest = failed.objects.sort((a, b) => (b.lastModified ?? 0) - (a.lastModified ?? 0))[0];
    if (newest) {
      // Each line: Firehose's failure record, the original record base64 in `rawData`.
      recent = await eventsOfObject(deps, scope, backupBucket, newest.key, newest.lastModified, (line) => {
        try {
          const raw = (JSON.parse(line) as { rawData?: unknown }).rawData;
          return typeof raw === "string" ? Buffer.from(raw, "base64").toString("utf8").trim() : null;
        } catch {
          return null;
        }
      });
    }
  }
  const lastWithRecords = [...incoming].reverse().find((p) => p.value > 0);
  return {
    // The period's start: the records arrived within `period` seconds after it.
    lastEventAt: iso(lastWithRecords?.at ?? null),
    eventsInWindow: Math.round(sum(incoming)),
    countIsLowerBound: series.get("incoming")?.status === "PartialData",
    countUnit: "records",
    recent: newestFirst(recent),
    stream: {
      incomingRecords: sum(incoming),
      attempts,
      failedAttempts,
      metricPrefix: prefix,
      backupBucket,
    },
  };
}
