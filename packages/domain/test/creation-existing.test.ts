import { describe, expect, it } from "vitest";
import { judgeExisting, type ObservedStream } from "../src/creation/existing.ts";
import { type CreationInput, CreationInputSchema } from "../src/creation/schemas.ts";

const ctx = { partition: "aws", region: "eu-west-1", accountId: "123456789012", poolId: "eu-west-1_AbC" };
const s3Stream = CreationInputSchema.parse({
  kind: "firehose",
  poolId: ctx.poolId,
  eventSource: "userAuthEvents",
  streamName: "orders",
  target: { type: "s3", bucket: { mode: "existing", name: "archive" } },
}) as CreationInput;
const sameStream: ObservedStream = {
  type: "DirectPut",
  destination: {
    kind: "s3",
    bucketArn: "arn:aws:s3:::archive",
    roleArn: "arn:aws:iam::123456789012:role/clc-firehose-orders",
  },
  tags: { LogDeliveryEnabled: "true" },
};

describe("judgeExisting", () => {
  it("reuses a stream only when it is exactly the planned one", () => {
    const same = judgeExisting(s3Stream, ctx, { stream: sameStream });
    expect(same.checks).toEqual([expect.objectContaining({ type: "stream", state: "reuse" })]);
    const otherBucket = judgeExisting(s3Stream, ctx, {
      stream: {
        ...sameStream,
        destination: { ...sameStream.destination, bucketArn: "arn:aws:s3:::other" } as never,
      },
    });
    expect(otherBucket.checks[0]).toMatchObject({
      state: "conflict",
      differences: [expect.stringContaining("s3://other")],
    });
    const untagged = judgeExisting(s3Stream, ctx, { stream: { ...sameStream, tags: {} } });
    expect(untagged.checks[0]?.differences).toEqual([expect.stringContaining("LogDeliveryEnabled")]);
  });

  it("shows an HTTP endpoint's credentials masked in what differs", () => {
    const http = judgeExisting(s3Stream, ctx, {
      stream: {
        ...sameStream,
        destination: {
          kind: "http",
          url: "https://u:secret@h.example/?token=t0k",
          roleArn: null,
          backupBucketArn: null,
        },
      },
    });
    expect(JSON.stringify(http)).not.toMatch(/secret|t0k/);
  });

  it("makes a bucket in another region or of another account a conflict, and a missing existing bucket too", () => {
    expect(
      judgeExisting(s3Stream, ctx, { bucket: { state: "exists", region: "us-east-1" } }).checks[0]?.state,
    ).toBe("conflict");
    expect(judgeExisting(s3Stream, ctx, { bucket: { state: "taken" } }).checks[0]?.state).toBe("conflict");
    expect(judgeExisting(s3Stream, ctx, { bucket: { state: "missing" } }).checks[0]?.state).toBe("conflict");
    expect(
      judgeExisting(s3Stream, ctx, { bucket: { state: "exists", region: "eu-west-1" } }).checks[0]?.state,
    ).toBe("reuse");
  });

  it("lists a role it did not make as a change to confirm, but not one an earlier attempt made", () => {
    const role = { arn: "arn:aws:iam::123456789012:role/clc-firehose-orders", trustsFirehose: true };
    expect(judgeExisting(s3Stream, ctx, { role }).changesToExisting).toHaveLength(1);
    expect(judgeExisting(s3Stream, ctx, { role }, { role: true }).changesToExisting).toEqual([]);
    expect(judgeExisting(s3Stream, ctx, { role: { ...role, trustsFirehose: false } }).checks[0]?.state).toBe(
      "conflict",
    );
  });
});
