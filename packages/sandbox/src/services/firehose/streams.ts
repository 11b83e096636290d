/**
 * Delivery streams: CreateDeliveryStream (DirectPut/Kinesis/MSK sources; S3, extended S3 and HTTP
 * endpoint destinations), DeleteDeliveryStream, DescribeDeliveryStream, ListDeliveryStreams.
 */
import { epochSeconds } from "../../core/ids.ts";
import { bool, doc, int, list, required, str, struct } from "../../core/shapes.ts";
import { AwsError, type JsonOperation } from "../../core/types.ts";
import { given, isObject, type JsonObject } from "../shared/json.ts";
import { deliveryStreamArn, invalidArgument, notFound, statusOf, streamNamed, streamsOf } from "./lookup.ts";
import {
  checkTagPatterns,
  extendedS3Destination,
  firehoseOperation,
  httpEndpointDestination,
  KMS_KEY_ARN_PATTERN,
  STREAM_TYPES,
  s3Destination,
  streamName,
  tagShape,
} from "./members.ts";
import type { Destination, FirehoseState } from "./model.ts";

const MAX_STREAMS_PER_REGION = 5000;

const CreateInput = struct("CreateDeliveryStreamInput", {
  DeliveryStreamName: required(streamName),
  DeliveryStreamType: str({ enum: STREAM_TYPES }),
  KinesisStreamSourceConfiguration: doc,
  MSKSourceConfiguration: doc,
  DeliveryStreamEncryptionConfigurationInput: struct("DeliveryStreamEncryptionConfigurationInput", {
    KeyARN: str({ min: 1, max: 512, pattern: KMS_KEY_ARN_PATTERN }),
    KeyType: required(str({ enum: ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"] })),
  }),
  S3DestinationConfiguration: s3Destination,
  ExtendedS3DestinationConfiguration: extendedS3Destination,
  RedshiftDestinationConfiguration: doc,
  ElasticsearchDestinationConfiguration: doc,
  AmazonopensearchserviceDestinationConfiguration: doc,
  SplunkDestinationConfiguration: doc,
  HttpEndpointDestinationConfiguration: httpEndpointDestination,
  Tags: list(tagShape, { min: 1, max: 50 }),
});
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

/** Destinations the sandbox does not serve: accepted by the shape, refused by CreateDeliveryStream. */
const UNSUPPORTED_DESTINATIONS = [
  "RedshiftDestinationConfiguration",
  "ElasticsearchDestinationConfiguration",
  "AmazonopensearchserviceDestinationConfiguration",
  "SplunkDestinationConfiguration",
] as const;

/** An S3 destination as AWS describes it, with the defaults it reports for what was not set. */
const s3Description = (config: JsonObject) => ({
  RoleARN: config.RoleARN,
  BucketARN: config.BucketARN,
  ...given(config, "Prefix", "ErrorOutputPrefix"),
  BufferingHints: {
    SizeInMBs: 5,
    IntervalInSeconds: 300,
    ...(isObject(config.BufferingHints) ? config.BufferingHints : {}),
  },
  CompressionFormat: config.CompressionFormat ?? "UNCOMPRESSED",
  EncryptionConfiguration: config.EncryptionConfiguration ?? { NoEncryptionConfig: "NoEncryption" },
  CloudWatchLoggingOptions: config.CloudWatchLoggingOptions ?? { Enabled: false },
});

function describeDestination(destination: Destination) {
  const config = destination.config;
  if (destination.kind === "HttpEndpoint") {
    const endpoint = isObject(config.EndpointConfiguration) ? config.EndpointConfiguration : {};
    return {
      DestinationId: destination.id,
      HttpEndpointDestinationDescription: {
        // The access key is a secret: AWS never returns it.
        EndpointConfiguration: { Url: endpoint.Url, ...given(endpoint, "Name") },
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
        ...given(config, "ProcessingConfiguration", "RoleARN"),
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
      ...given(config, "ProcessingConfiguration"),
      S3BackupMode: config.S3BackupMode ?? "Disabled",
      ...(isObject(config.S3BackupConfiguration)
        ? { S3BackupDescription: s3Description(config.S3BackupConfiguration) }
        : {}),
      ...given(
        config,
        "DataFormatConversionConfiguration",
        "DynamicPartitioningConfiguration",
        "FileExtension",
      ),
    },
  };
}

export function streamOperations(
  state: FirehoseState,
  activationDelayMs: number,
): Record<string, JsonOperation> {
  return {
    CreateDeliveryStream: firehoseOperation(CreateInput, (input, ctx) => {
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
      const unsupported = UNSUPPORTED_DESTINATIONS.filter((k) => input[k] !== undefined);
      const destinations: { kind: Destination["kind"]; config: JsonObject }[] = [];
      if (input.S3DestinationConfiguration)
        destinations.push({ kind: "S3", config: input.S3DestinationConfiguration });
      if (input.ExtendedS3DestinationConfiguration) {
        destinations.push({ kind: "ExtendedS3", config: input.ExtendedS3DestinationConfiguration });
      }
      if (input.HttpEndpointDestinationConfiguration) {
        destinations.push({ kind: "HttpEndpoint", config: input.HttpEndpointDestinationConfiguration });
      }
      if (destinations.length + unsupported.length !== 1) {
        // Ours: AWS requires exactly one destination; its exact text is not captured.
        throw invalidArgument(
          destinations.length + unsupported.length === 0
            ? "A destination configuration is required: give one of ExtendedS3DestinationConfiguration, S3DestinationConfiguration or HttpEndpointDestinationConfiguration."
            : "Only one destination configuration is allowed per delivery stream.",
        );
      }
      if (unsupported.length > 0) {
        throw invalidArgument(
          `The sandbox does not serve ${unsupported.join(", ")}; use an S3 or HTTP endpoint destination.`,
        );
      }
      const streams = streamsOf(state, ctx);
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
      const first = destinations[0];
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
    }),

    DeleteDeliveryStream: firehoseOperation(DeleteInput, (input, ctx) => {
      const streams = streamsOf(state, ctx);
      if (!streams[input.DeliveryStreamName]) throw notFound(input.DeliveryStreamName, ctx);
      delete streams[input.DeliveryStreamName];
      ctx.changed();
      return {};
    }),

    DescribeDeliveryStream: firehoseOperation(DescribeInput, (input, ctx) => {
      const stream = streamNamed(state, ctx, input.DeliveryStreamName);
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
    }),

    ListDeliveryStreams: firehoseOperation(ListInput, (input, ctx) => {
      const after = input.ExclusiveStartDeliveryStreamName;
      const names = Object.values(streamsOf(state, ctx))
        .filter((s) => input.DeliveryStreamType === undefined || s.type === input.DeliveryStreamType)
        .map((s) => s.name)
        .filter((n) => after === undefined || n > after)
        .sort();
      const limit = input.Limit ?? 10;
      return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
    }),
  };
}
