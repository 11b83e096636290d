import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-firehose";
import { CreateBucketCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { createArchiveStream, useSandbox } from "./support/aws.ts";

describe("firehose over HTTP with the real SDK client", () => {
  const env = useSandbox();

  it("creates, describes, lists and tags a stream", async () => {
    const created = await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "http-stream",
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${env.sandbox.accountId}:role/firehose`,
          BucketARN: "arn:aws:s3:::http-firehose-archive",
        },
        Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      }),
    );
    expect(created.DeliveryStreamARN).toBe(
      `arn:aws:firehose:us-east-1:${env.sandbox.accountId}:deliverystream/http-stream`,
    );
    const described = await env.firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: "http-stream" }),
    );
    expect(described.DeliveryStreamDescription?.DeliveryStreamStatus).toBe("ACTIVE");
    expect(described.DeliveryStreamDescription?.CreateTimestamp).toBeInstanceOf(Date);
    expect(
      described.DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BucketARN,
    ).toBe("arn:aws:s3:::http-firehose-archive");
    const listed = await env.firehose.send(new ListDeliveryStreamsCommand({}));
    expect(listed.DeliveryStreamNames).toContain("http-stream");
    const tags = await env.firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: "http-stream" }),
    );
    expect(tags.Tags).toEqual([{ Key: "LogDeliveryEnabled", Value: "true" }]);
  });

  it("answers a missing stream with AWS's message", async () => {
    const error = await env.firehose
      .send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "c-nope" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      `Firehose c-nope under account ${env.sandbox.accountId} not found.`,
    );
  });

  it("delivers put records to the destination bucket", async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: "http-firehose-delivered" }));
    await createArchiveStream(
      env.firehose,
      env.sandbox.accountId,
      "http-delivering",
      "http-firehose-delivered",
    );
    await env.firehose.send(
      new PutRecordCommand({
        DeliveryStreamName: "http-delivering",
        Record: { Data: new TextEncoder().encode('{"a":1}\n') },
      }),
    );
    const objects = await env.s3.send(new ListObjectsV2Command({ Bucket: "http-firehose-delivered" }));
    expect(objects.KeyCount).toBe(1);
    expect(objects.Contents?.[0]?.Key).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\d{2}\/http-delivering-1-/);
  });
});
