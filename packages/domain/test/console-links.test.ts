import { describe, expect, it } from "vitest";
import { consoleUrlForArn, parseArn, partitionOfRegion, userPoolConsoleUrl } from "../src/console-links.ts";

describe("the console of each partition", () => {
  it("knows a region's partition", () => {
    expect(partitionOfRegion("eu-west-1")).toBe("aws");
    expect(partitionOfRegion("cn-northwest-1")).toBe("aws-cn");
    expect(partitionOfRegion("us-gov-west-1")).toBe("aws-us-gov");
  });

  it("links a user pool to its Cognito page in its region's console", () => {
    expect(userPoolConsoleUrl("eu-west-1_AbC123xyz", "eu-west-1")).toBe(
      "https://eu-west-1.console.aws.amazon.com/cognito/v2/idp/user-pools/eu-west-1_AbC123xyz/info?region=eu-west-1",
    );
    expect(userPoolConsoleUrl("cn-north-1_AbC", "cn-north-1")).toBe(
      "https://console.amazonaws.cn/cognito/v2/idp/user-pools/cn-north-1_AbC/info?region=cn-north-1",
    );
    expect(userPoolConsoleUrl("us-gov-west-1_AbC", "us-gov-west-1")).toBe(
      "https://console.amazonaws-us-gov.com/cognito/v2/idp/user-pools/us-gov-west-1_AbC/info?region=us-gov-west-1",
    );
  });
});

describe("consoleUrlForArn", () => {
  it("opens a log group with its name encoded as the CloudWatch console encodes it", () => {
    expect(
      consoleUrlForArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/pool-1"),
    ).toBe(
      "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fvendedlogs$252Fcognito$252Fpool-1",
    );
    // The :* form DescribeLogGroups gives names the same log group.
    expect(consoleUrlForArn("arn:aws-cn:logs:cn-north-1:123456789012:log-group:errors:*")).toBe(
      "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#logsV2:log-groups/log-group/errors",
    );
  });

  it("opens a Firehose stream in its partition and region", () => {
    expect(consoleUrlForArn("arn:aws-us-gov:firehose:us-gov-east-1:123456789012:deliverystream/siem")).toBe(
      "https://console.amazonaws-us-gov.com/firehose/home?region=us-gov-east-1#/details/siem/monitoring",
    );
    expect(consoleUrlForArn("arn:aws:firehose:ap-south-2:123456789012:deliverystream/siem")).toBe(
      "https://ap-south-2.console.aws.amazon.com/firehose/home?region=ap-south-2#/details/siem/monitoring",
    );
  });

  it("opens an S3 bucket, whose ARN has no region, with the region when known", () => {
    expect(consoleUrlForArn("arn:aws:s3:::acme-logs", "eu-central-1")).toBe(
      "https://s3.console.aws.amazon.com/s3/buckets/acme-logs?region=eu-central-1",
    );
    expect(consoleUrlForArn("arn:aws:s3:::acme-logs")).toBe(
      "https://s3.console.aws.amazon.com/s3/buckets/acme-logs",
    );
    expect(consoleUrlForArn("arn:aws-cn:s3:::acme-logs", "cn-north-1")).toBe(
      "https://console.amazonaws.cn/s3/buckets/acme-logs?region=cn-north-1",
    );
    expect(consoleUrlForArn("arn:aws:s3:::acme-logs/some/key")).toBeNull();
  });

  it("opens an IAM role (global) by its name, whatever its path", () => {
    expect(consoleUrlForArn("arn:aws:iam::123456789012:role/service-role/firehose-to-s3")).toBe(
      "https://console.aws.amazon.com/iam/home#/roles/details/firehose-to-s3",
    );
    expect(consoleUrlForArn("arn:aws-us-gov:iam::123456789012:role/delivery")).toBe(
      "https://console.amazonaws-us-gov.com/iam/home#/roles/details/delivery",
    );
  });

  it("opens a user pool from its ARN", () => {
    expect(consoleUrlForArn("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC")).toBe(
      userPoolConsoleUrl("us-east-1_AbC", "us-east-1"),
    );
  });

  it("has no link for what it cannot place", () => {
    expect(consoleUrlForArn("arn:aws:sqs:us-east-1:123456789012:queue")).toBeNull();
    expect(consoleUrlForArn("arn:mars:logs:us-east-1:123456789012:log-group:x")).toBeNull();
    expect(consoleUrlForArn("arn:aws:logs:nowhere:123456789012:log-group:x")).toBeNull();
    expect(consoleUrlForArn("arn:aws:iam::123456789012:user/alice")).toBeNull();
    expect(consoleUrlForArn("not an arn")).toBeNull();
    expect(parseArn("arn:aws:s3:::b")).toEqual({
      partition: "aws",
      service: "s3",
      region: "",
      accountId: "",
      resource: "b",
    });
  });
});
