import fc from "fast-check";
import type { Destination, LogDeliveryModel } from "../src/index.ts";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

const nameChar = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_".split(""));
const shortName = fc.string({ unit: nameChar, minLength: 3, maxLength: 20 });

export const logGroupDestination: fc.Arbitrary<Destination> = shortName.map((name) => ({
  kind: "logGroup",
  arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vendedlogs/${name}`,
}));
export const firehoseDestination: fc.Arbitrary<Destination> = shortName.map((name) => ({
  kind: "firehose",
  arn: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`,
}));
export const bucketDestination: fc.Arbitrary<Destination> = shortName.map((name) => ({
  kind: "s3",
  arn: `arn:aws:s3:::b${name.replace(/_/g, "-")}x`,
}));
export const anyDestination = fc.oneof(logGroupDestination, firehoseDestination, bucketDestination);

/** Models AWS would accept on a PLUS pool. */
export const validModel: fc.Arbitrary<LogDeliveryModel> = fc.record({
  userNotification: fc.option(logGroupDestination, { nil: null }),
  userAuthEvents: fc.option(anyDestination, { nil: null }),
});

/** Any shape of model, including kinds AWS refuses for the source. */
export const anyModel: fc.Arbitrary<LogDeliveryModel> = fc.record({
  userNotification: fc.option(anyDestination, { nil: null }),
  userAuthEvents: fc.option(anyDestination, { nil: null }),
});

export const lg = (name: string, region = REGION, account = ACCOUNT): Destination => ({
  kind: "logGroup",
  arn: `arn:aws:logs:${region}:${account}:log-group:${name}`,
});
export const fh = (name: string, region = REGION, account = ACCOUNT): Destination => ({
  kind: "firehose",
  arn: `arn:aws:firehose:${region}:${account}:deliverystream/${name}`,
});
export const s3 = (bucket: string): Destination => ({ kind: "s3", arn: `arn:aws:s3:::${bucket}` });
