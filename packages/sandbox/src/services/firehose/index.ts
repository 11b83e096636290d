/**
 * Amazon Data Firehose (awsJson1_1, `Firehose_20150804.<Op>`): delivery streams with S3, extended-S3
 * and HTTP-endpoint destinations, tags, and records. A new stream is CREATING until
 * `activationDelayMs` after its creation (computed from the clock, no timers). Records put into an
 * S3-backed stream are written on to the bucket when it exists in the sandbox; HTTP endpoints are
 * never called: records are kept as "delivered to endpoint" for diagnostics and tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { epochSeconds } from "../../core/ids.ts";
import { headBucket } from "../../core/lookups.ts";
import { bool, int, list, parseInput, required, type Shape, str, struct } from "../../core/shapes.ts";
import {
  AwsError,
  type CallContext,
  type JsonService,
  type RestService,
  type StatefulService,
} from "../../core/types.ts";
import { isObject, type JsonObject, partitionOf, scopeKey } from "../shared/constraints.ts";

export interface FirehoseOptions {
  /** CREATING → ACTIVE delay of new streams (default 0: active at once). */
  activationDelayMs?: number;
  /** The name the core's options use for the same delay. */
  firehoseActivationDelayMs?: number;
  /** Where S3-backed streams write their records (the sandbox's S3 service), looked up at delivery time. */
  s3?: () => RestService | undefined;
}

const STREAM_NAME_PATTERN = "[a-zA-Z0-9_.-]+";
/** The model's AWSKMSKeyARN pattern: a key or alias ARN, never a bare key id or alias name. */
const KMS_KEY_ARN_PATTERN = "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+";
/** The model's TagKey pattern (Unicode classes; `aws:` reserved). */
const TAG_KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$";
const streamName = str({ min: 1, max: 64, pattern: STREAM_NAME_PATTERN });
const roleArn = str({ min: 1, max: 512, pattern: "arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+" });
const bucketArn = str({ min: 1, max: 2048, pattern: "arn:.*:s3:::[\\w\\.\\-]{1,255}" });
const prefix = str({ max: 1024 });
const compression = str({ enum: ["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"] });
const s3Buffering = struct("BufferingHints", {
  SizeInMBs: int({ min: 1, max: 128 }),
  IntervalInSeconds: int({ min: 0, max: 900 }),
});
const encryption = struct("EncryptionConfiguration", {
  NoEncryptionConfig: str({ enum: ["NoEncryption"] }),
  KMSEncryptionConfig: struct("KMSEncryptionConfig", {
    AWSKMSKeyARN: required(
      str({
        min: 1,
        max: 512,
        pattern: "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+",
      }),
    ),
  }),
});
const cloudWatchLogging = struct("CloudWatchLoggingOptions", {
  Enabled: bool,
  LogGroupName: str({ max: 512 }),
  LogStreamName: str({ max: 512 }),
});
const documentShape: Shape = { kind: "document" };
const s3DestinationMembers = {
  RoleARN: required(roleArn),
  BucketARN: required(bucketArn),
  Prefix: prefix,
  ErrorOutputPrefix: prefix,
  BufferingHints: s3Buffering,
  CompressionFormat: compression,
  EncryptionConfiguration: encryption,
  CloudWatchLoggingOptions: cloudWatchLogging,
};
const s3Destination = struct("S3DestinationConfiguration", s3DestinationMembers);
/** The S3 destination plus processing and a backup copy. */
const extendedS3Destination = struct("ExtendedS3DestinationConfiguration", {
  ...s3DestinationMembers,
  ProcessingConfiguration: documentShape,
  S3BackupMode: str({ enum: ["Disabled", "Enabled"] }),
  S3BackupConfiguration: s3Destination,
  DataFormatConversionConfiguration: documentShape,
  DynamicPartitioningConfiguration: documentShape,
  FileExtension: str({ max: 128, pattern: "^$|\\.[0-9a-z!\\-_.*'()]+" }),
  CustomTimeZone: str({ max: 50 }),
});
const httpEndpointDestination = struct("HttpEndpointDestinationConfiguration", {
  EndpointConfiguration: required(
    struct("HttpEndpointConfiguration", {
      Url: required(str({ min: 1, max: 1000, pattern: "https://.*" })),
      Name: str({ min: 1, max: 256, pattern: "^(?!\\s*$).+" }),
      AccessKey: str({ max: 4096, pattern: ".*" }),
    }),
  ),
  BufferingHints: struct("HttpEndpointBufferingHints", {
    SizeInMBs: int({ min: 1, max: 64 }),
    IntervalInSeconds: int({ min: 0, max: 900 }),
  }),
  CloudWatchLoggingOptions: cloudWatchLogging,
  RequestConfiguration: struct("HttpEndpointRequestConfiguration", {
    ContentEncoding: str({ enum: ["NONE", "GZIP"] }),
    CommonAttributes: documentShape,
  }),
  ProcessingConfiguration: documentShape,
  RoleARN: roleArn,
  RetryOptions: struct("HttpEndpointRetryOptions", { DurationInSeconds: int({ min: 0, max: 7200 }) }),
  S3BackupMode: str({ enum: ["FailedDataOnly", "AllData"] }),
  S3Configuration: required(s3Destination),
  SecretsManagerConfiguration: documentShape,
});
const tagShape = struct("Tag", {
  Key: required(str({ min: 1, max: 128 })),
  Value: str({ max: 256 }),
});
const STREAM_TYPES = ["DirectPut", "KinesisStreamAsSource", "MSKAsSource", "DatabaseAsSource"] as const;

const CreateInput = struct("CreateDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  DeliveryStreamType: str({ enum: STREAM_TYPES }),
  KinesisStreamSourceConfiguration: documentShape,
  MSKSourceConfiguration: documentShape,
  DeliveryStreamEncryptionConfigurationInput: struct("DeliveryStreamEncryptionConfigurationInput", {
    KeyARN: str({ min: 1, max: 512, pattern: KMS_KEY_ARN_PATTERN }),
    KeyType: required(str({ enum: ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"] })),
  }),
  S3DestinationConfiguration: s3Destination,
  ExtendedS3DestinationConfiguration: extendedS3Destination,
  RedshiftDestinationConfiguration: documentShape,
  ElasticsearchDestinationConfiguration: documentShape,
  AmazonopensearchserviceDestinationConfiguration: documentShape,
  SplunkDestinationConfiguration: documentShape,
  HttpEndpointDestinationConfiguration: httpEndpointDestination,
  Tags: list(tagShape, { min: 1, max: 50 }),
});
const NameInput = struct("DeliveryStreamNameInput", { DeliveryStreamName: required(streamName) });
const DeleteInput = struct("DeleteDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  AllowForceDelete: bool,
});
const DescribeInput = struct("DescribeDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  Limit: int({ min: 1, max: 10000 }),
  ExclusiveStartDestinationId: str({ min: 1, max: 100 }),
});
const ListInput = struct("ListDeliveryStreamsInput", {
  Limit: int({ min: 1, max: 10000 }),
  DeliveryStreamType: str({ enum: STREAM_TYPES }),
  ExclusiveStartDeliveryStreamName: streamName,
});
const TagInput = struct("TagDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  Tags: required(list(tagShape, { min: 1, max: 50 })),
});
const UntagInput = struct("UntagDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  TagKeys: required(list(str({ min: 1, max: 128, pattern: TAG_KEY_PATTERN }), { min: 1, max: 50 })),
});
const ListTagsInput = struct("ListTagsForDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  ExclusiveStartTagKey: str({ min: 1, max: 128, pattern: TAG_KEY_PATTERN }),
  Limit: int({ min: 1, max: 50 }),
});
const recordShape = struct("Record", { Data: required(str()) });
const PutRecordInput = struct("PutRecordInput", {
  DeliveryStreamName: required(streamName),
  Record: required(recordShape),
});
const PutRecordBatchInput = struct("PutRecordBatchInput", {
  DeliveryStreamName: required(streamName),
  Records: required(list(recordShape, { min: 1, max: 500 })),
});

const MAX_RECORD_BYTES = 1_024_000;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;
const MAX_STREAMS_PER_REGION = 5000;
const MAX_TAGS = 50;
/** Endpoint deliveries kept per stream for inspection; older ones are dropped. */
const KEPT_ENDPOINT_RECORDS = 200;

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
const FirehoseSnapshotSchema = z.object({
  version: z.literal(1),
  scopes: z.record(z.string(), z.record(z.string(), StreamSchema)),
});

type Stream = z.infer<typeof StreamSchema>;
type Destination = z.infer<typeof DestinationSchema>;
export type FirehoseDelivery = z.infer<typeof DeliveryLogSchema>;

interface TagInputShape {
  Key: string;
  Value?: string;
}

function notFound(name: string, ctx: CallContext): AwsError {
  return new AwsError(
    "ResourceNotFoundException",
    `Firehose ${name} under account ${ctx.accountId} not found.`,
  );
}
function invalidArgument(message: string): AwsError {
  return new AwsError("InvalidArgumentException", message);
}

export function deliveryStreamArn(ctx: Pick<CallContext, "region" | "accountId">, name: string): string {
  return `arn:${partitionOf(ctx.region)}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${name}`;
}

function checkTagPatterns(tags: TagInputShape[]): void {
  // The model's tag-key pattern uses \p{…} classes and a look-ahead; checked with a Unicode regex here.
  const keyPattern = /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;
  const valuePattern = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;
  tags.forEach((tag, i) => {
    if (!keyPattern.test(tag.Key)) {
      throw new AwsError(
        "ValidationException",
        `1 validation error detected: Value '${tag.Key}' at 'tags.${i + 1}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)[\\p{L}\\p{Z}\\p{N} _.:\\/=+\\-@%]*$`,
      );
    }
    if (tag.Value !== undefined && !valuePattern.test(tag.Value)) {
      throw new AwsError(
        "ValidationException",
        `1 validation error detected: Value '${tag.Value}' at 'tags.${i + 1}.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\p{L}\\p{Z}\\p{N} _.:\\/=+\\-@%]*$`,
      );
    }
  });
}

function decodeData(data: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 === 1) {
    throw new AwsError("SerializationException", "Record Data must be base64-encoded.");
  }
  return Buffer.from(data, "base64");
}

/** Firehose's record ids are long opaque base64 strings. */
function newRecordId(): string {
  return randomBytes(84).toString("base64").replace(/[+/=]/g, "").slice(0, 112);
}

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

/** Firehose as this module builds it: the service plus a late hook to reach the sandbox's S3. */
export type FirehoseService = JsonService &
  StatefulService & { connectS3(s3: () => RestService | undefined): void };

/** True for a firehose service from this module (the core's types know only JsonService). */
export function canConnectS3(service: unknown): service is FirehoseService {
  return (
    typeof service === "object" &&
    service !== null &&
    typeof (service as { connectS3?: unknown }).connectS3 === "function"
  );
}

export function createFirehoseService(options: FirehoseOptions = {}): FirehoseService {
  let s3Source = options.s3;
  const activationDelayMs = Math.max(0, options.activationDelayMs ?? options.firehoseActivationDelayMs ?? 0);
  let scopes: Record<string, Record<string, Stream>> = {};

  const streamsOf = (ctx: CallContext): Record<string, Stream> => {
    const key = scopeKey(ctx.accountId, ctx.region);
    let streams = scopes[key];
    if (!streams) {
      streams = {};
      scopes[key] = streams;
    }
    return streams;
  };
  const streamNamed = (ctx: CallContext, name: string): Stream => {
    const stream = streamsOf(ctx)[name];
    if (!stream) throw notFound(name, ctx);
    return stream;
  };
  const statusOf = (stream: Stream, ctx: CallContext) =>
    ctx.now() >= stream.activeAt ? "ACTIVE" : "CREATING";

  const s3Description = (config: JsonObject) => ({
    RoleARN: config.RoleARN,
    BucketARN: config.BucketARN,
    ...(config.Prefix !== undefined ? { Prefix: config.Prefix } : {}),
    ...(config.ErrorOutputPrefix !== undefined ? { ErrorOutputPrefix: config.ErrorOutputPrefix } : {}),
    BufferingHints: {
      SizeInMBs: 5,
      IntervalInSeconds: 300,
      ...(isObject(config.BufferingHints) ? config.BufferingHints : {}),
    },
    CompressionFormat: config.CompressionFormat ?? "UNCOMPRESSED",
    EncryptionConfiguration: config.EncryptionConfiguration ?? { NoEncryptionConfig: "NoEncryption" },
    CloudWatchLoggingOptions: config.CloudWatchLoggingOptions ?? { Enabled: false },
  });

  const describeDestination = (destination: Destination) => {
    const config = destination.config;
    if (destination.kind === "HttpEndpoint") {
      const endpoint = isObject(config.EndpointConfiguration) ? config.EndpointConfiguration : {};
      return {
        DestinationId: destination.id,
        HttpEndpointDestinationDescription: {
          // The access key is a secret: AWS never returns it.
          EndpointConfiguration: {
            Url: endpoint.Url,
            ...(endpoint.Name !== undefined ? { Name: endpoint.Name } : {}),
          },
          BufferingHints: {
            SizeInMBs: 5,
            IntervalInSeconds: 300,
            ...(isObject(config.BufferingHints) ? config.BufferingHints : {}),
          },
          CloudWatchLoggingOptions: config.CloudWatchLoggingOptions ?? { Enabled: false },
          RequestConfiguration: {
            ContentEncoding: "NONE",
            ...(isObject(config.RequestConfiguration) ? config.RequestConfiguration : {}),
          },
          ...(config.ProcessingConfiguration !== undefined
            ? { ProcessingConfiguration: config.ProcessingConfiguration }
            : {}),
          ...(config.RoleARN !== undefined ? { RoleARN: config.RoleARN } : {}),
          RetryOptions: {
            DurationInSeconds: 300,
            ...(isObject(config.RetryOptions) ? config.RetryOptions : {}),
          },
          S3BackupMode: config.S3BackupMode ?? "FailedDataOnly",
          S3DestinationDescription: s3Description(
            isObject(config.S3Configuration) ? config.S3Configuration : {},
          ),
        },
      };
    }
    const base = s3Description(config);
    // AWS describes an S3-backed destination in both the plain and the extended form.
    return {
      DestinationId: destination.id,
      S3DestinationDescription: base,
      ExtendedS3DestinationDescription: {
        ...base,
        ...(config.ProcessingConfiguration !== undefined
          ? { ProcessingConfiguration: config.ProcessingConfiguration }
          : {}),
        S3BackupMode: config.S3BackupMode ?? "Disabled",
        ...(isObject(config.S3BackupConfiguration)
          ? { S3BackupDescription: s3Description(config.S3BackupConfiguration) }
          : {}),
        ...(config.DataFormatConversionConfiguration !== undefined
          ? { DataFormatConversionConfiguration: config.DataFormatConversionConfiguration }
          : {}),
        ...(config.DynamicPartitioningConfiguration !== undefined
          ? { DynamicPartitioningConfiguration: config.DynamicPartitioningConfiguration }
          : {}),
        ...(config.FileExtension !== undefined ? { FileExtension: config.FileExtension } : {}),
      },
    };
  };

  /** Write one batch of records into a bucket of this sandbox, as Firehose's S3 delivery would. */
  const writeToBucket = (
    stream: Stream,
    config: JsonObject,
    records: Buffer[],
    ctx: CallContext,
  ): FirehoseDelivery => {
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
    const s3 = s3Source?.();
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
  };

  const deliver = (stream: Stream, records: Buffer[], ctx: CallContext) => {
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
          stream.deliveries.push(writeToBucket(stream, config.S3Configuration, records, ctx));
        }
      } else {
        stream.deliveries.push(writeToBucket(stream, config, records, ctx));
      }
    }
    if (stream.deliveries.length > KEPT_ENDPOINT_RECORDS) {
      stream.deliveries.splice(0, stream.deliveries.length - KEPT_ENDPOINT_RECORDS);
    }
  };

  const writableStream = (ctx: CallContext, name: string): Stream => {
    const stream = streamNamed(ctx, name);
    if (statusOf(stream, ctx) !== "ACTIVE") {
      // Ours: AWS refuses puts until the stream is ACTIVE; its exact text is not captured.
      throw notFound(name, ctx);
    }
    if (stream.type !== "DirectPut") {
      throw invalidArgument(`This operation is not permitted on ${stream.type} delivery stream type.`);
    }
    return stream;
  };

  const operations: JsonService["operations"] = {
    CreateDeliveryStream(raw, ctx) {
      const input = parseInput<{
        DeliveryStreamName: string;
        DeliveryStreamType?: string;
        KinesisStreamSourceConfiguration?: unknown;
        MSKSourceConfiguration?: unknown;
        DeliveryStreamEncryptionConfigurationInput?: { KeyARN?: string; KeyType: string };
        S3DestinationConfiguration?: JsonObject;
        ExtendedS3DestinationConfiguration?: JsonObject;
        HttpEndpointDestinationConfiguration?: JsonObject;
        RedshiftDestinationConfiguration?: unknown;
        ElasticsearchDestinationConfiguration?: unknown;
        AmazonopensearchserviceDestinationConfiguration?: unknown;
        SplunkDestinationConfiguration?: unknown;
        Tags?: TagInputShape[];
      }>(CreateInput, raw, "ValidationException");
      if (input.Tags) checkTagPatterns(input.Tags);
      const keyInput = input.DeliveryStreamEncryptionConfigurationInput;
      if (keyInput?.KeyType === "CUSTOMER_MANAGED_CMK" && keyInput.KeyARN === undefined) {
        // Documented (KeyARN: "If you set KeyType to CUSTOMER_MANAGED_CMK, you must specify the ARN
        // of the CMK"); the message is ours.
        throw invalidArgument("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
      }
      const type = input.DeliveryStreamType ?? "DirectPut";
      if (type === "KinesisStreamAsSource" && input.KinesisStreamSourceConfiguration === undefined) {
        throw invalidArgument(
          "KinesisStreamSourceConfiguration is required for a KinesisStreamAsSource delivery stream.",
        );
      }
      if (type === "MSKAsSource" && input.MSKSourceConfiguration === undefined) {
        throw invalidArgument("MSKSourceConfiguration is required for an MSKAsSource delivery stream.");
      }
      const unsupported = [
        "RedshiftDestinationConfiguration",
        "ElasticsearchDestinationConfiguration",
        "AmazonopensearchserviceDestinationConfiguration",
        "SplunkDestinationConfiguration",
      ].filter((k) => (input as Record<string, unknown>)[k] !== undefined);
      const given: { kind: Destination["kind"]; config: JsonObject }[] = [];
      if (input.S3DestinationConfiguration)
        given.push({ kind: "S3", config: input.S3DestinationConfiguration });
      if (input.ExtendedS3DestinationConfiguration) {
        given.push({ kind: "ExtendedS3", config: input.ExtendedS3DestinationConfiguration });
      }
      if (input.HttpEndpointDestinationConfiguration) {
        given.push({ kind: "HttpEndpoint", config: input.HttpEndpointDestinationConfiguration });
      }
      if (given.length + unsupported.length !== 1) {
        // Ours: AWS requires exactly one destination; its exact text is not captured.
        throw invalidArgument(
          given.length + unsupported.length === 0
            ? "A destination configuration is required: give one of ExtendedS3DestinationConfiguration, S3DestinationConfiguration or HttpEndpointDestinationConfiguration."
            : "Only one destination configuration is allowed per delivery stream.",
        );
      }
      if (unsupported.length > 0) {
        throw invalidArgument(
          `The sandbox does not serve ${unsupported.join(", ")}; use an S3 or HTTP endpoint destination.`,
        );
      }
      const streams = streamsOf(ctx);
      if (streams[input.DeliveryStreamName]) {
        throw new AwsError(
          "ResourceInUseException",
          `Firehose ${input.DeliveryStreamName} under accountId ${ctx.accountId} already exists`,
        );
      }
      if (Object.keys(streams).length >= MAX_STREAMS_PER_REGION) {
        throw new AwsError(
          "LimitExceededException",
          `You have already consumed your firehose quota of ${MAX_STREAMS_PER_REGION} hoses. Firehose names: …`,
        );
      }
      const first = given[0];
      if (!first) throw invalidArgument("A destination configuration is required.");
      const now = ctx.now();
      const encryptionInput = input.DeliveryStreamEncryptionConfigurationInput;
      streams[input.DeliveryStreamName] = {
        name: input.DeliveryStreamName,
        type,
        createdAt: now,
        activeAt: now + activationDelayMs,
        versionId: 1,
        ...(encryptionInput
          ? {
              encryption: {
                ...(encryptionInput.KeyARN !== undefined ? { KeyARN: encryptionInput.KeyARN } : {}),
                KeyType: encryptionInput.KeyType,
                Status: "ENABLED",
              },
            }
          : {}),
        destinations: [{ id: "destinationId-000000000001", kind: first.kind, config: first.config }],
        tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value ?? "" })),
        deliveries: [],
      };
      ctx.changed();
      return { DeliveryStreamARN: deliveryStreamArn(ctx, input.DeliveryStreamName) };
    },

    DeleteDeliveryStream(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string }>(DeleteInput, raw, "ValidationException");
      const streams = streamsOf(ctx);
      if (!streams[input.DeliveryStreamName]) throw notFound(input.DeliveryStreamName, ctx);
      delete streams[input.DeliveryStreamName];
      ctx.changed();
      return {};
    },

    DescribeDeliveryStream(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string }>(DescribeInput, raw, "ValidationException");
      const stream = streamNamed(ctx, input.DeliveryStreamName);
      return {
        DeliveryStreamDescription: {
          DeliveryStreamName: stream.name,
          DeliveryStreamARN: deliveryStreamArn(ctx, stream.name),
          DeliveryStreamStatus: statusOf(stream, ctx),
          DeliveryStreamEncryptionConfiguration: stream.encryption ?? { Status: "DISABLED" },
          DeliveryStreamType: stream.type,
          VersionId: String(stream.versionId),
          CreateTimestamp: epochSeconds(stream.createdAt),
          ...(stream.lastUpdatedAt !== undefined
            ? { LastUpdateTimestamp: epochSeconds(stream.lastUpdatedAt) }
            : {}),
          Destinations: stream.destinations.map(describeDestination),
          HasMoreDestinations: false,
        },
      };
    },

    ListDeliveryStreams(raw, ctx) {
      const input = parseInput<{
        Limit?: number;
        DeliveryStreamType?: string;
        ExclusiveStartDeliveryStreamName?: string;
      }>(ListInput, raw, "ValidationException");
      const after = input.ExclusiveStartDeliveryStreamName;
      const names = Object.values(streamsOf(ctx))
        .filter((s) => input.DeliveryStreamType === undefined || s.type === input.DeliveryStreamType)
        .map((s) => s.name)
        .filter((n) => after === undefined || n > after)
        .sort();
      const limit = input.Limit ?? 10;
      return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
    },

    TagDeliveryStream(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string; Tags: TagInputShape[] }>(
        TagInput,
        raw,
        "ValidationException",
      );
      checkTagPatterns(input.Tags);
      const stream = streamNamed(ctx, input.DeliveryStreamName);
      const merged = new Map(stream.tags.map((t) => [t.Key, t.Value]));
      for (const tag of input.Tags) merged.set(tag.Key, tag.Value ?? "");
      if (merged.size > MAX_TAGS) {
        throw new AwsError("LimitExceededException", `A delivery stream can have at most ${MAX_TAGS} tags.`);
      }
      stream.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
      ctx.changed();
      return {};
    },

    UntagDeliveryStream(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string; TagKeys: string[] }>(
        UntagInput,
        raw,
        "ValidationException",
      );
      const stream = streamNamed(ctx, input.DeliveryStreamName);
      stream.tags = stream.tags.filter((t) => !input.TagKeys.includes(t.Key));
      ctx.changed();
      return {};
    },

    ListTagsForDeliveryStream(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string; ExclusiveStartTagKey?: string; Limit?: number }>(
        ListTagsInput,
        raw,
        "ValidationException",
      );
      const stream = streamNamed(ctx, input.DeliveryStreamName);
      const after = input.ExclusiveStartTagKey;
      const tags = [...stream.tags]
        .sort((a, b) => (a.Key < b.Key ? -1 : 1))
        .filter((t) => after === undefined || t.Key > after);
      const limit = input.Limit ?? 50;
      return { Tags: tags.slice(0, limit), HasMoreTags: tags.length > limit };
    },

    PutRecord(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string; Record: { Data: string } }>(
        PutRecordInput,
        raw,
        "ValidationException",
      );
      const data = decodeData(input.Record.Data);
      if (data.length > MAX_RECORD_BYTES) {
        throw new AwsError(
          "ValidationException",
          `1 validation error detected: Value at 'record.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
        );
      }
      const stream = writableStream(ctx, input.DeliveryStreamName);
      deliver(stream, [data], ctx);
      ctx.changed();
      return { RecordId: newRecordId(), Encrypted: stream.encryption !== undefined };
    },

    PutRecordBatch(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string; Records: { Data: string }[] }>(
        PutRecordBatchInput,
        raw,
        "ValidationException",
      );
      const records = input.Records.map((r) => decodeData(r.Data));
      records.forEach((data, i) => {
        if (data.length > MAX_RECORD_BYTES) {
          throw new AwsError(
            "ValidationException",
            `1 validation error detected: Value at 'records.${i + 1}.member.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
          );
        }
      });
      const total = records.reduce((n, r) => n + r.length, 0);
      if (total > MAX_BATCH_BYTES) {
        throw invalidArgument(`Records size exceeds 4 MiB limit (${total} bytes).`);
      }
      const stream = writableStream(ctx, input.DeliveryStreamName);
      deliver(stream, records, ctx);
      ctx.changed();
      return {
        FailedPutCount: 0,
        Encrypted: stream.encryption !== undefined,
        RequestResponses: records.map(() => ({ RecordId: newRecordId() })),
      };
    },

    /**
     * Sandbox-only (not an AWS operation): what each stream delivered and where, for diagnostics
     * and tests. Answers `{ Deliveries: [...] }`, newest last.
     */
    SandboxListDeliveries(raw, ctx) {
      const input = parseInput<{ DeliveryStreamName: string }>(NameInput, raw, "ValidationException");
      return { Deliveries: streamNamed(ctx, input.DeliveryStreamName).deliveries };
    },
  };

  return {
    targetPrefix: "Firehose_20150804",
    signingName: "firehose",
    operations,
    connectS3(s3) {
      s3Source = s3;
    },
    snapshot() {
      return { version: 1, scopes };
    },
    restore(snapshot) {
      const parsed = FirehoseSnapshotSchema.safeParse(snapshot);
      if (!parsed.success) {
        throw new Error(
          `firehose: the saved state is not a firehose snapshot (version 1): ${parsed.error.message}`,
        );
      }
      scopes = parsed.data.scopes;
    },
  };
}
