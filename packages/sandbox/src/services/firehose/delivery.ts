/**
 * Where a put goes: S3-backed streams write their records on to the bucket when it exists in the
 * sandbox (Firehose's default object key, GZIP when asked); HTTP endpoints are never called, records
 * are kept as "delivered to endpoint" for diagnostics and tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { headBucket } from "../../core/lookups.ts";
import type { CallContext, RestService } from "../../core/types.ts";
import { isObject, type JsonObject } from "../shared/json.ts";
import type { FirehoseDelivery, Stream } from "./model.ts";

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

export function deliver(
  s3: RestService | undefined,
  stream: Stream,
  records: Buffer[],
  ctx: CallContext,
): void {
  for (const destination of stream.destinations) {
    const config = destination.config;
    if (destination.kind === "HttpEndpoint") {
      const endpoint = isObject(config.EndpointConfiguration) ? config.EndpointConfiguration : {};
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
      stream.deliveries.push(writeToBucket(s3, stream, config, records, ctx));
    }
  }
  if (stream.deliveries.length > KEPT_ENDPOINT_RECORDS) {
    stream.deliveries.splice(0, stream.deliveries.length - KEPT_ENDPOINT_RECORDS);
  }
}
