/** Destinations created through the services' own operations, so seeds need no private API. */
import type { CallContext, SandboxServices } from "../core/types.ts";

type Destinations = Partial<Pick<SandboxServices, "logs" | "firehose" | "s3">>;

export function createLogGroup(
  services: Destinations,
  ctx: CallContext,
  name: string,
  options: { kmsKeyId?: string; retentionInDays?: number } = {},
): string | undefined {
  const logs = services.logs;
  if (!logs) return undefined;
  logs.operations.CreateLogGroup?.(
    { logGroupName: name, ...(options.kmsKeyId ? { kmsKeyId: options.kmsKeyId } : {}) },
    ctx,
  );
  if (options.retentionInDays)
    logs.operations.PutRetentionPolicy?.(
      { logGroupName: name, retentionInDays: options.retentionInDays },
      ctx,
    );
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

export function putLogResourcePolicy(
  services: Destinations,
  ctx: CallContext,
  policyName: string,
  policyDocument: string,
): void {
  services.logs?.operations.PutResourcePolicy?.({ policyName, policyDocument }, ctx);
}

export function createDeliveryStream(
  services: Destinations,
  ctx: CallContext,
  name: string,
  options: { tagged: boolean; httpEndpoint?: string },
): string | undefined {
  const firehose = services.firehose;
  if (!firehose?.operations.CreateDeliveryStream) return undefined;
  const roleArn = `arn:aws:iam::${ctx.accountId}:role/firehose-delivery-role`;
  const destination = options.httpEndpoint
    ? {
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: {
            Url: options.httpEndpoint,
            Name: "OpenObserve",
            AccessKey: "sandbox-access-key",
          },
          RoleARN: roleArn,
          S3BackupMode: "FailedDataOnly",
          S3Configuration: { RoleARN: roleArn, BucketARN: `arn:aws:s3:::${name}-failed-records` },
        },
      }
    : { ExtendedS3DestinationConfiguration: { RoleARN: roleArn, BucketARN: `arn:aws:s3:::${name}-archive` } };
  const answer = firehose.operations.CreateDeliveryStream(
    {
      DeliveryStreamName: name,
      DeliveryStreamType: "DirectPut",
      ...destination,
      ...(options.tagged ? { Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }] } : {}),
    },
    ctx,
  ) as { DeliveryStreamARN?: string };
  return answer.DeliveryStreamARN ?? `arn:aws:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${name}`;
}

export function createBucket(
  services: Destinations,
  ctx: CallContext,
  bucket: string,
  policy?: string,
): string | undefined {
  const s3 = services.s3;
  if (!s3) return undefined;
  const body =
    ctx.region === "us-east-1"
      ? Buffer.alloc(0)
      : Buffer.from(
          `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${ctx.region}</LocationConstraint></CreateBucketConfiguration>`,
        );
  s3.handle({ method: "PUT", path: `/${bucket}`, query: new URLSearchParams(), headers: {}, body }, ctx);
  if (policy)
    s3.handle(
      {
        method: "PUT",
        path: `/${bucket}`,
        query: new URLSearchParams("policy="),
        headers: { "content-type": "application/json" },
        body: Buffer.from(policy),
      },
      ctx,
    );
  return `arn:aws:s3:::${bucket}`;
}
