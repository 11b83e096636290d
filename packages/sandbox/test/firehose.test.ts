import { beforeEach, describe, expect, it } from "vitest";
import { createFirehoseService } from "../src/services/firehose/index.ts";
import { createS3Service } from "../src/services/s3/index.ts";
import { awsErrorOf, type FakeContext, fakeContext } from "./services-context.ts";

type Answer = Record<string, unknown>;

const ROLE = "arn:aws:iam::123456789012:role/firehose-delivery";
const extendedS3 = (bucket: string, extra: Answer = {}) => ({
  ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: `arn:aws:s3:::${bucket}`, ...extra },
});
const httpEndpoint = (url = "https://api.openobserve.example/aws/_kinesis_firehose") => ({
  HttpEndpointDestinationConfiguration: {
    EndpointConfiguration: { Url: url, Name: "OpenObserve", AccessKey: "secret-key" },
    RoleARN: ROLE,
    S3Configuration: { RoleARN: ROLE, BucketARN: "arn:aws:s3:::failed-records" },
  },
});

describe("firehose service", () => {
  let firehose: ReturnType<typeof createFirehoseService>;
  let s3: ReturnType<typeof createS3Service>;
  let ctx: FakeContext;
  const call = (op: string, input: Answer, context: FakeContext = ctx) => {
    const handler = firehose.operations[op];
    if (!handler) throw new Error(`no operation ${op}`);
    return handler(input, context) as Answer;
  };
  const describeStream = (name: string) =>
    (call("DescribeDeliveryStream", { DeliveryStreamName: name }).DeliveryStreamDescription ?? {}) as Answer;

  beforeEach(() => {
    s3 = createS3Service();
    firehose = createFirehoseService({ activationDelayMs: 5000, s3: () => s3 });
    ctx = fakeContext();
  });

  it("creates a stream that is CREATING, then ACTIVE once the delay has passed", () => {
    const created = call("CreateDeliveryStream", {
      DeliveryStreamName: "cognito-activity",
      ...extendedS3("archive"),
      Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
    });
    expect(created.DeliveryStreamARN).toBe(
      "arn:aws:firehose:us-east-1:123456789012:deliverystream/cognito-activity",
    );
    expect(describeStream("cognito-activity")).toMatchObject({
      DeliveryStreamStatus: "CREATING",
      DeliveryStreamType: "DirectPut",
      VersionId: "1",
      CreateTimestamp: ctx.now() / 1000,
      HasMoreDestinations: false,
      Destinations: [
        {
          DestinationId: "destinationId-000000000001",
          ExtendedS3DestinationDescription: {
            BucketARN: "arn:aws:s3:::archive",
            CompressionFormat: "UNCOMPRESSED",
          },
        },
      ],
    });
    ctx.advance(5000);
    expect(describeStream("cognito-activity").DeliveryStreamStatus).toBe("ACTIVE");
    expect(call("ListTagsForDeliveryStream", { DeliveryStreamName: "cognito-activity" })).toEqual({
      Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      HasMoreTags: false,
    });
  });

  it("never returns an HTTP endpoint's access key", () => {
    call("CreateDeliveryStream", { DeliveryStreamName: "to-observe", ...httpEndpoint() });
    const description = describeStream("to-observe");
    expect(JSON.stringify(description)).not.toContain("secret-key");
    expect(description).toMatchObject({
      Destinations: [
        {
          HttpEndpointDestinationDescription: {
            EndpointConfiguration: {
              Url: "https://api.openobserve.example/aws/_kinesis_firehose",
              Name: "OpenObserve",
            },
            S3BackupMode: "FailedDataOnly",
            S3DestinationDescription: { BucketARN: "arn:aws:s3:::failed-records" },
          },
        },
      ],
    });
  });

  it("validates names, endpoints, destinations and duplicates", () => {
    const badName = awsErrorOf(() =>
      call("CreateDeliveryStream", { DeliveryStreamName: "bad name", ...extendedS3("b") }),
    );
    expect(badName.code).toBe("ValidationException");
    expect(badName.message).toBe(
      "1 validation error detected: Value 'bad name' at 'deliveryStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    const http = awsErrorOf(() =>
      call("CreateDeliveryStream", { DeliveryStreamName: "h", ...httpEndpoint("http://insecure.example") }),
    );
    expect(http.message).toContain(
      "at 'httpEndpointDestinationConfiguration.endpointConfiguration.url' failed to satisfy constraint: Member must satisfy regular expression pattern: https://.*",
    );
    const noBackup = awsErrorOf(() =>
      call("CreateDeliveryStream", {
        DeliveryStreamName: "h",
        HttpEndpointDestinationConfiguration: { EndpointConfiguration: { Url: "https://x.example" } },
      }),
    );
    expect(noBackup.message).toContain(
      "Value null at 'httpEndpointDestinationConfiguration.s3Configuration'",
    );
    expect(awsErrorOf(() => call("CreateDeliveryStream", { DeliveryStreamName: "none" })).code).toBe(
      "InvalidArgumentException",
    );
    call("CreateDeliveryStream", { DeliveryStreamName: "dup", ...extendedS3("b") });
    const dup = awsErrorOf(() =>
      call("CreateDeliveryStream", { DeliveryStreamName: "dup", ...extendedS3("b") }),
    );
    expect([dup.code, dup.message]).toEqual([
      "ResourceInUseException",
      "Firehose dup under accountId 123456789012 already exists",
    ]);
    const missing = awsErrorOf(() => call("DescribeDeliveryStream", { DeliveryStreamName: "c-nope" }));
    expect([missing.code, missing.message]).toEqual([
      "ResourceNotFoundException",
      "Firehose c-nope under account 123456789012 not found.",
    ]);
  });

  it("lists by name with ExclusiveStartDeliveryStreamName and HasMoreDeliveryStreams", () => {
    for (const name of ["s-c", "s-a", "s-b"])
      call("CreateDeliveryStream", { DeliveryStreamName: name, ...extendedS3("b") });
    expect(call("ListDeliveryStreams", { Limit: 2 })).toEqual({
      DeliveryStreamNames: ["s-a", "s-b"],
      HasMoreDeliveryStreams: true,
    });
    expect(call("ListDeliveryStreams", { Limit: 2, ExclusiveStartDeliveryStreamName: "s-b" })).toEqual({
      DeliveryStreamNames: ["s-c"],
      HasMoreDeliveryStreams: false,
    });
    expect(call("ListDeliveryStreams", {})).toMatchObject({ HasMoreDeliveryStreams: false });
    expect(awsErrorOf(() => call("ListDeliveryStreams", { Limit: 10001 })).message).toContain(
      "Member must have value less than or equal to 10000",
    );
    expect(call("ListDeliveryStreams", { DeliveryStreamType: "KinesisStreamAsSource" })).toEqual({
      DeliveryStreamNames: [],
      HasMoreDeliveryStreams: false,
    });
  });

  it("refuses records until ACTIVE, then writes them to the S3 destination bucket", () => {
    s3.handle(
      { method: "PUT", path: "/archive", query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) },
      ctx,
    );
    call("CreateDeliveryStream", {
      DeliveryStreamName: "to-s3",
      ...extendedS3("archive", { Prefix: "cognito/" }),
    });
    const record = { Data: Buffer.from('{"n":1}\n').toString("base64") };
    expect(awsErrorOf(() => call("PutRecord", { DeliveryStreamName: "to-s3", Record: record })).code).toBe(
      "ResourceNotFoundException",
    );
    ctx.advance(5000);
    const put = call("PutRecord", { DeliveryStreamName: "to-s3", Record: record });
    expect(typeof put.RecordId).toBe("string");
    const batch = call("PutRecordBatch", { DeliveryStreamName: "to-s3", Records: [record, record] });
    expect(batch).toMatchObject({ FailedPutCount: 0 });
    expect((batch.RequestResponses as unknown[]).length).toBe(2);
    const url = new URL(
      "http://x/archive?list-type=2&prefix=cognito/2025/01/15/12/to-s3-1-2025-01-15-12-00-05-",
    );
    const listing = s3.handle(
      { method: "GET", path: url.pathname, query: url.searchParams, headers: {}, body: Buffer.alloc(0) },
      ctx,
    );
    expect(String(listing.body).match(/<Key>/g)?.length).toBe(2);
    expect(
      awsErrorOf(() => call("PutRecord", { DeliveryStreamName: "to-s3", Record: { Data: "%%%" } })).code,
    ).toBe("SerializationException");
  });

  it("keeps endpoint deliveries in state instead of calling out", () => {
    call("CreateDeliveryStream", { DeliveryStreamName: "to-observe", ...httpEndpoint() });
    ctx.advance(5000);
    call("PutRecord", {
      DeliveryStreamName: "to-observe",
      Record: { Data: Buffer.from("hello").toString("base64") },
    });
    const deliveries = call("SandboxListDeliveries", { DeliveryStreamName: "to-observe" })
      .Deliveries as Answer[];
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      target: "https://api.openobserve.example/aws/_kinesis_firehose",
      ok: true,
      records: 1,
      data: [Buffer.from("hello").toString("base64")],
    });
  });

  it("tags streams and round-trips state through a JSON snapshot", () => {
    call("CreateDeliveryStream", { DeliveryStreamName: "t", ...extendedS3("b") });
    call("TagDeliveryStream", {
      DeliveryStreamName: "t",
      Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
    });
    expect(
      awsErrorOf(() =>
        call("TagDeliveryStream", { DeliveryStreamName: "t", Tags: [{ Key: "aws:x", Value: "1" }] }),
      ).code,
    ).toBe("ValidationException");
    const again = createFirehoseService();
    again.restore(JSON.parse(JSON.stringify(firehose.snapshot())));
    expect(again.operations.ListTagsForDeliveryStream?.({ DeliveryStreamName: "t" }, ctx)).toEqual({
      Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      HasMoreTags: false,
    });
    expect(() => again.restore({})).toThrow(/not a firehose snapshot/);
  });
});
