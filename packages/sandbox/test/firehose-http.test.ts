import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-firehose";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";

describe("firehose over HTTP with the real SDK client", () => {
  let sandbox: RunningSandbox;
  let firehose: FirehoseClient;
  let s3: S3Client;
  const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
    firehose = new FirehoseClient({ endpoint: sandbox.endpoint, region: "us-east-1", credentials });
    s3 = new S3Client({ endpoint: sandbox.endpoint, region: "us-east-1", forcePathStyle: true, credentials });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("creates, describes, lists and tags a stream", async () => {
    const created = await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "http-stream",
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${sandbox.accountId}:role/firehose`,
          BucketARN: "arn:aws:s3:::http-firehose-archive",
        },
        Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      }),
    );
    expect(created.DeliveryStreamARN).toBe(
      `arn:aws:firehose:us-east-1:${sandbox.accountId}:deliverystream/http-stream`,
    );
    const described = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: "http-stream" }),
    );
    expect(described.DeliveryStreamDescription?.DeliveryStreamStatus).toBe("ACTIVE");
    expect(described.DeliveryStreamDescription?.CreateTimestamp).toBeInstanceOf(Date);
    expect(
      described.DeliveryStreamDescription?.Destinations?.[0]?.ExtendedS3DestinationDescription?.BucketARN,
    ).toBe("arn:aws:s3:::http-firehose-archive");
    const listed = await firehose.send(new ListDeliveryStreamsCommand({}));
    expect(listed.DeliveryStreamNames).toContain("http-stream");
    const tags = await firehose.send(
      new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: "http-stream" }),
    );
    expect(tags.Tags).toEqual([{ Key: "LogDeliveryEnabled", Value: "true" }]);
  });

  it("answers a missing stream with AWS's message", async () => {
    const error = await firehose
      .send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "c-nope" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(`Firehose c-nope under account ${sandbox.accountId} not found.`);
  });

  it("delivers put records to the destination bucket", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "http-firehose-delivered" }));
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "http-delivering",
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${sandbox.accountId}:role/firehose`,
          BucketARN: "arn:aws:s3:::http-firehose-delivered",
        },
      }),
    );
    await firehose.send(
      new PutRecordCommand({
        DeliveryStreamName: "http-delivering",
        Record: { Data: new TextEncoder().encode('{"a":1}\n') },
      }),
    );
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: "http-firehose-delivered" }));
    expect(objects.KeyCount).toBe(1);
    expect(objects.Contents?.[0]?.Key).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\d{2}\/http-delivering-1-/);
  });
});
