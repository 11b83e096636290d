import { Readable } from "node:stream";
import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketPolicyCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";

describe("s3 over HTTP with the real SDK client", () => {
  let sandbox: RunningSandbox;
  const client = (region: string) =>
    new S3Client({
      endpoint: sandbox.endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" },
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it("creates a regional bucket and reads its facts back", async () => {
    const eu = client("eu-west-1");
    await eu.send(
      new CreateBucketCommand({
        Bucket: "http-eu-logs",
        CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
      }),
    );
    const head = await client("us-east-1").send(new HeadBucketCommand({ Bucket: "http-eu-logs" }));
    expect(head.BucketRegion).toBe("eu-west-1");
    const location = await eu.send(new GetBucketLocationCommand({ Bucket: "http-eu-logs" }));
    expect(location.LocationConstraint).toBe("eu-west-1");
    const listed = await eu.send(new ListBucketsCommand({ BucketRegion: "eu-west-1" }));
    expect(listed.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([["http-eu-logs", "eu-west-1"]]);
  });

  it("renders S3 errors the SDK understands", async () => {
    const east = client("us-east-1");
    const error = await east
      .send(
        new CreateBucketCommand({
          Bucket: "http-east",
          // The SDK's enum leaves us-east-1 out because AWS rejects it; that rejection is what is tested.
          CreateBucketConfiguration: { LocationConstraint: "us-east-1" as BucketLocationConstraint },
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe("InvalidLocationConstraint");
    await east.send(new CreateBucketCommand({ Bucket: "http-east" }));
    const noPolicy = await east
      .send(new GetBucketPolicyCommand({ Bucket: "http-east" }))
      .catch((e: unknown) => e);
    expect((noPolicy as S3ServiceException).name).toBe("NoSuchBucketPolicy");
    expect((noPolicy as S3ServiceException).$metadata.httpStatusCode).toBe(404);
    const malformed = await east
      .send(new PutBucketPolicyCommand({ Bucket: "http-east", Policy: "not json" }))
      .catch((e: unknown) => e);
    expect((malformed as S3ServiceException).name).toBe("MalformedPolicy");
  });

  it("stores objects sent as strings and as aws-chunked streams", async () => {
    const east = client("us-east-1");
    await east.send(new CreateBucketCommand({ Bucket: "http-objects" }));
    await east.send(new PutObjectCommand({ Bucket: "http-objects", Key: "AWSLogs/a.json", Body: '{"a":1}' }));
    await east.send(
      new PutObjectCommand({
        Bucket: "http-objects",
        Key: "AWSLogs/b.json",
        Body: Readable.from([Buffer.from('{"b":2}')]),
        ContentLength: 7,
      }),
    );
    const listed = await east.send(new ListObjectsV2Command({ Bucket: "http-objects", Prefix: "AWSLogs/" }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([
      ["AWSLogs/a.json", 7],
      ["AWSLogs/b.json", 7],
    ]);
    const got = await east.send(new GetObjectCommand({ Bucket: "http-objects", Key: "AWSLogs/b.json" }));
    expect(await got.Body?.transformToString()).toBe('{"b":2}');
  });

  it("serves the guided bucket set-up the BFF performs", async () => {
    const east = client("us-east-1");
    await east.send(new CreateBucketCommand({ Bucket: "http-guided" }));
    await east.send(
      new PutPublicAccessBlockCommand({
        Bucket: "http-guided",
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: false,
        },
      }),
    );
    const block = await east.send(new GetPublicAccessBlockCommand({ Bucket: "http-guided" }));
    expect(block.PublicAccessBlockConfiguration?.RestrictPublicBuckets).toBe(false);
    await east.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: "http-guided",
        LifecycleConfiguration: {
          Rules: [{ ID: "expiry", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 30 } }],
        },
      }),
    );
    const lifecycle = await east.send(new GetBucketLifecycleConfigurationCommand({ Bucket: "http-guided" }));
    expect(lifecycle.Rules?.[0]).toMatchObject({ ID: "expiry", Status: "Enabled", Expiration: { Days: 30 } });
    await east.send(
      new PutBucketTaggingCommand({
        Bucket: "http-guided",
        Tagging: { TagSet: [{ Key: "app", Value: "clc" }] },
      }),
    );
    expect((await east.send(new GetBucketTaggingCommand({ Bucket: "http-guided" }))).TagSet).toEqual([
      { Key: "app", Value: "clc" },
    ]);
    const encryption = await east.send(new GetBucketEncryptionCommand({ Bucket: "http-guided" }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault
        ?.SSEAlgorithm,
    ).toBe("AES256");
    await east.send(new DeleteBucketPolicyCommand({ Bucket: "http-guided" }));
    await east.send(new DeleteBucketCommand({ Bucket: "http-guided" }));
    const gone = await east
      .send(new GetBucketTaggingCommand({ Bucket: "http-guided" }))
      .catch((e: unknown) => e);
    expect((gone as S3ServiceException).name).toBe("NoSuchBucket");
  });

  it("answers as AWS does: ownership controls, SSE-KMS headers on PutObject, checksums in listings (issue 12 §4)", async () => {
    const s3 = client("us-east-1");
    await s3.send(new CreateBucketCommand({ Bucket: "http-shapes" }));
    const ownership = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket: "http-shapes" }));
    expect(ownership.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
    const plain = await s3.send(new PutObjectCommand({ Bucket: "http-shapes", Key: "a.json", Body: "{}" }));
    expect(plain.ServerSideEncryption).toBe("AES256");
    expect(plain.SSEKMSKeyId).toBeUndefined();
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: "http-shapes",
        ServerSideEncryptionConfiguration: {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: key },
              BucketKeyEnabled: true,
            },
          ],
        },
      }),
    );
    const kms = await s3.send(new PutObjectCommand({ Bucket: "http-shapes", Key: "b.json", Body: "{}" }));
    expect(kms).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: key, BucketKeyEnabled: true });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "http-shapes" }));
    // The SDK sends a CRC32 checksum by default; S3 lists the algorithm each object was stored with.
    expect(listed.Contents?.map((o) => o.ChecksumAlgorithm)).toEqual([["CRC32"], ["CRC32"]]);
    s3.destroy();
  });
});
