/**
 * Member shapes several Firehose operations share (botocore `firehose/2015-08-04`): names, the
 * destinations served (S3, extended S3, HTTP endpoint), tags; and the tag checks a shape cannot express.
 */
import { bool, doc, int, operationWith, required, type ShapeType, str, struct } from "../../core/shapes.ts";
import { AwsError } from "../../core/types.ts";

/** Firehose answers constraint violations with ValidationException. */
export const firehoseOperation = operationWith("ValidationException");

const STREAM_NAME_PATTERN = "[a-zA-Z0-9_.-]+";
/** The model's AWSKMSKeyARN pattern: a key or alias ARN, never a bare key id or alias name. */
export const KMS_KEY_ARN_PATTERN = "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+";
/** The model's TagKey pattern (Unicode classes; `aws:` reserved). */
export const TAG_KEY_PATTERN = "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:\\/=+\\-@%]*$";
export const streamName = str({ min: 1, max: 64, pattern: STREAM_NAME_PATTERN });
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
        pattern: KMS_KEY_ARN_PATTERN,
      }),
    ),
  }),
});
const cloudWatchLogging = struct("CloudWatchLoggingOptions", {
  Enabled: bool,
  LogGroupName: str({ max: 512 }),
  LogStreamName: str({ max: 512 }),
});
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
export const s3Destination = struct("S3DestinationConfiguration", s3DestinationMembers);
/** The S3 destination plus processing and a backup copy. */
export const extendedS3Destination = struct("ExtendedS3DestinationConfiguration", {
  ...s3DestinationMembers,
  ProcessingConfiguration: doc,
  S3BackupMode: str({ enum: ["Disabled", "Enabled"] }),
  S3BackupConfiguration: s3Destination,
  DataFormatConversionConfiguration: doc,
  DynamicPartitioningConfiguration: doc,
  FileExtension: str({ max: 128, pattern: "^$|\\.[0-9a-z!\\-_.*'()]+" }),
  CustomTimeZone: str({ max: 50 }),
});
export const httpEndpointDestination = struct("HttpEndpointDestinationConfiguration", {
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
    CommonAttributes: doc,
  }),
  ProcessingConfiguration: doc,
  RoleARN: roleArn,
  RetryOptions: struct("HttpEndpointRetryOptions", { DurationInSeconds: int({ min: 0, max: 7200 }) }),
  S3BackupMode: str({ enum: ["FailedDataOnly", "AllData"] }),
  S3Configuration: required(s3Destination),
  SecretsManagerConfiguration: doc,
});
export const tagShape = struct("Tag", {
  Key: required(str({ min: 1, max: 128 })),
  Value: str({ max: 256 }),
});
export const STREAM_TYPES = [
  "DirectPut",
  "KinesisStreamAsSource",
  "MSKAsSource",
  "DatabaseAsSource",
] as const;

/** A tag as the operations take it (`Value` may be omitted: stored as ""). */
export type TagInput = ShapeType<typeof tagShape>;

/** The model's tag patterns use \\p{…} classes and a look-ahead: checked with a Unicode regex, AWS's wording. */
export function checkTagPatterns(tags: readonly TagInput[]): void {
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
