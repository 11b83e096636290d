/**
 * Where a put goes: S3-backed streams write their records on to the bucket when it exists in the
 * sandbox (Firehose's default object key, GZIP when asked); HTTP endpoints are never called, records
 * are kept as "delivered to endpoint" for diagnostics and tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { headBucket } from "../../core/lookups.ts";
import type { CallContext, RestService } from "../../core/types.ts";
import type { MetricRecorder } from "../cloudwatch/model.ts";
import { isObject, type JsonObject } from "../shared/json.ts";
import type { FirehoseDelivery, Stream } from "./model.ts";

/**
 * What a delivery reports to and asks of the rest of the sandbox: the metrics it publishes
 * (AWS/Firehose, per DeliveryStreamName) and the test switch that makes an HTTP endpoint fail.
 */
export interface DeliveryObservers {
  metrics?: MetricRecorder | undefined;
  /** True while the stream's HTTP endpoint is switched to fail (`/_sandbox/delivery-faults`). */
  endpointFailing?: ((ctx: CallContext, streamName: string) => boolean) | undefined;
}

/** Deliveries kept per stream for inspection; older ones are dropped. */
const KEPT_ENDPOINT_RECORDS = 200;

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Firehose's default object key: `<prefix>YYYY/MM/DD/HH/<stream>-<version>-YYYY-MM-DD-HH-MM-SS-<uuid>`. */
export function firehoseObjectKey(prefixText: string, stream: string, version: number, at: number): string {
  const d = new Date(at);
  const [y, mo, da, h, mi, s] = [
    d.getUTCFullYear(),
    pad2(d.getUTCMonth() + 1),
    pad2(d.getUTCDate()),
    pad2(d.getUTCHours()),
    pad2(d.getUTCMinutes()),
    pad2(d.getUTCSeconds()),
  ];
  const file = `${stream}-${version}-${y}-${mo}-${da}-${h}-${mi}-${s}-${randomUUID()}`;
  if (prefixText.includes("!{")) {
    // Custom prefixes replace the default time path (only timestamp and random-string namespaces are evaluated).
    const evaluated = prefixText
      .replace(/!\{timestamp:([^}]*)\}/g, (_m, format: string) =>
        format
          .replace(/yyyy/g, String(y))
          .replace(/MM/g, mo)
          .replace(/dd/g, da)
          .replace(/HH/g, h)
          .replace(/mm/g, mi)
          .replace(/ss/g, s),
      )
      .replace(/!\{firehose:random-string\}/g, () => randomBytes(6).toString("hex"));
    return `${evaluated}${file}`;
  }
  return `${prefixText}${y}/${mo}/${da}/${h}/${file}`;
}

/** Write one batch of records into a bucket of this sandbox, as Firehose's S3 delivery would. */
function writeToBucket(
  s3: RestService | undefined,
  stream: Stream,
  config: JsonObject,
  records: Buffer[],
  ctx: CallContext,
): FirehoseDelivery {
  const arn = String(config.BucketARN ?? "");
  const bucket = arn.replace(/^arn:[^:]+:s3:::/, "");
  const bytes = records.reduce((n, r) => n + r.length, 0);
  const log = (ok: boolean, reason?: string): FirehoseDelivery => ({
    at: ctx.now(),
    target: arn,
    records: records.length,
    bytes,
    ok,
    ...(reason ? { reason } : {}),
  });
  if (!s3) return log(false, "The sandbox has no S3 service connected to Firehose.");
  const head = headBucket(s3, bucket, ctx);
  if (head.status === 404) return log(false, `Bucket ${bucket} does not exist.`);
  if (head.status !== 200)
    return log(false, `Bucket ${bucket} is not writable by this account (HTTP ${head.status}).`);
  const region = head.headers?.["x-amz-bucket-region"] ?? ctx.region;
  const gzip = config.CompressionFormat === "GZIP";
  const key =
    firehoseObjectKey(String(config.Prefix ?? ""), stream.name, stream.versionId, ctx.now()) +
    (typeof config.FileExtension === "string" ? config.FileExtension : gzip ? ".gz" : "");
  const body = Buffer.concat(records);
  try {
    s3.handle(
      {
        method: "PUT",
        path: `/${bucket}/${key}`,
        query: new URLSearchParams(),
        headers: { "content-type": "application/octet-stream" },
        body: gzip ? gzipSync(body) : body,
      },
      {
        region,
        accountId: ctx.accountId,
        requestId: ctx.requestId,
        now: () => ctx.now(),
        changed: () => ctx.changed(),
      },
    );
    return log(true);
  } catch (error) {
    return log(false, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Failed HTTP-endpoint records as Firehose writes them to the backup bucket: one JSON line per
 * record under `http-endpoint-failed/YYYY/MM/DD/HH/` (assumed: the prefix and member names follow
 * Firehose's developer guide "Handle data delivery failure" for HTTP endpoints; not measured).
 */
function failedRecordsDocument(records: Buffer[], url: string, at: number): Buffer {
  return Buffer.from(
    records
      .map((r) =>
        JSON.stringify({
          attemptsMade: 1,
          arrivalTimestamp: at,
          errorCode: "HttpEndpoint.ResponseFailure",
          errorMessage: `The response received from the endpoint (${url}) is invalid: HTTP 503 (sandbox switch).`,
          attemptEndingTimestamp: at,
          rawData: r.toString("base64"),
        }),
      )
      .join("\n")
      .concat("\n"),
  );
}

export function deliver(
  s3: RestService | undefined,
  stream: Stream,
  records: Buffer[],
  ctx: CallContext,
  observers: DeliveryObservers = {},
): void {
  const bytes = records.reduce((n, r) => n + r.length, 0);
  const metric = (metricName: string, value: number) =>
    observers.metrics?.record(ctx, {
      namespace: "AWS/Firehose",
      metricName,
      dimensions: { DeliveryStreamName: stream.name },
      value,
      at: ctx.now(),
    });
  metric("IncomingRecords", records.length);
  metric("IncomingBytes", bytes);
  for (const destination of stream.destinations) {
    const config = destination.config;
    if (destination.kind === "HttpEndpoint") {
      const endpoint = isObject(config.EndpointConfiguration) ? config.EndpointConfiguration : {};
      const url = String(endpoint.Url ?? "");
      if (observers.endpointFailing?.(ctx, stream.name)) {
        stream.deliveries.push({
          at: ctx.now(),
          target: url,
          records: records.length,
          bytes,
          ok: false,
          reason: "The endpoint answered HTTP 503 (sandbox switch); the records went to the backup bucket.",
        });
        metric("DeliveryToHttpEndpoint.Success", 0);
        metric("DeliveryToHttpEndpoint.ProcessedRecords", records.length);
        metric("DeliveryToHttpEndpoint.Records", 0);
        if (isObject(config.S3Configuration)) {
          const backup = {
            ...config.S3Configuration,
            Prefix: "http-endpoint-failed/",
            CompressionFormat: "UNCOMPRESSED",
          };
          const written = writeToBucket(
            s3,
            stream,
            backup,
            [failedRecordsDocument(records, url, ctx.now())],
            ctx,
          );
          stream.deliveries.push(written);
          metric("BackupToS3.Success", written.ok ? 1 : 0);
          metric("BackupToS3.Records", written.ok ? records.length : 0);
        }
        continue;
      }
      metric("DeliveryToHttpEndpoint.Success", 1);
      metric("DeliveryToHttpEndpoint.ProcessedRecords", records.length);
      metric("DeliveryToHttpEndpoint.Records", records.length);
      metric("DeliveryToHttpEndpoint.Bytes", bytes);
      stream.deliveries.push({
        at: ctx.now(),
        target: String(endpoint.Url ?? ""),
        records: records.length,
        bytes: records.reduce((n, r) => n + r.length, 0),
        ok: true,
        reason: "Delivered to endpoint (simulated: the sandbox never calls out).",
        data: records.map((r) => r.toString("base64")),
      });
      if (config.S3BackupMode === "AllData" && isObject(config.S3Configuration)) {
        stream.deliveries.push(writeToBucket(s3, stream, config.S3Configuration, records, ctx));
      }
    } else {
      const written = writeToBucket(s3, stream, config, records, ctx);
      stream.deliveries.push(written);
      metric("DeliveryToS3.Success", written.ok ? 1 : 0);
      metric("DeliveryToS3.Records", written.ok ? records.length : 0);
      if (written.ok) metric("DeliveryToS3.Bytes", bytes);
    }
  }
  if (stream.deliveries.length > KEPT_ENDPOINT_RECORDS) {
    stream.deliveries.splice(0, stream.deliveries.length - KEPT_ENDPOINT_RECORDS);
  }
}
