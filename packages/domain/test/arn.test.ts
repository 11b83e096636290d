import { describe, expect, it } from "vitest";
import {
  destinationName,
  fitsCognitoArnConstraints,
  isFieldError,
  parseDestinationArn,
} from "../src/index.ts";

function messageOf(arn: string): string {
  const result = parseDestinationArn(arn);
  if (!isFieldError(result)) throw new Error(`expected an error for ${arn}`);
  return result.message;
}

describe("parseDestinationArn", () => {
  it("reads a log group ARN", () => {
    expect(
      parseDestinationArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/p"),
    ).toEqual({
      kind: "logGroup",
      partition: "aws",
      region: "us-east-1",
      accountId: "123456789012",
      name: "/aws/vendedlogs/cognito/p",
    });
  });

  it("reads a Firehose stream ARN and an S3 bucket ARN", () => {
    expect(
      parseDestinationArn("arn:aws:firehose:eu-west-1:123456789012:deliverystream/my-stream"),
    ).toMatchObject({
      kind: "firehose",
      region: "eu-west-1",
      name: "my-stream",
    });
    expect(parseDestinationArn("arn:aws:s3:::my.logs-bucket")).toMatchObject({
      kind: "s3",
      region: "",
      accountId: "",
      name: "my.logs-bucket",
    });
  });

  it("explains the :* trap", () => {
    expect(messageOf("arn:aws:logs:us-east-1:123456789012:log-group:/x:*")).toMatch(
      /^Use the log group ARN without the trailing :\*/,
    );
  });

  it("refuses log group names with #, log streams and other services", () => {
    expect(messageOf("arn:aws:logs:us-east-1:123456789012:log-group:/a#b")).toMatch(/#/);
    expect(messageOf("arn:aws:logs:us-east-1:123456789012:log-group:/a:log-stream:s")).toMatch(/log stream/);
    expect(messageOf("arn:aws:sqs:us-east-1:123456789012:queue")).toMatch(/sqs ARN/);
  });

  it("refuses malformed input with a useful message and the given path", () => {
    expect(parseDestinationArn("", "userAuthEvents.destination.arn")).toEqual({
      path: "userAuthEvents.destination.arn",
      message: expect.stringMatching(/Enter the ARN/),
    });
    expect(messageOf(" arn:aws:s3:::bucket")).toMatch(/spaces/);
    expect(messageOf("my-bucket")).toMatch(/not an ARN/);
    expect(messageOf("arn:aws:logs:useast1:123456789012:log-group:/x")).toMatch(/not an AWS region/);
    expect(messageOf("arn:aws:logs:us-east-1:1234:log-group:/x")).toMatch(/12-digit/);
    expect(messageOf("arn:aws:s3:us-east-1:123456789012:bucket")).toMatch(/no region or account/);
    expect(messageOf("arn:aws:s3:::bucket/AWSLogs")).toMatch(/without an object path/);
    expect(messageOf("arn:aws:firehose:us-east-1:123456789012:stream/x")).toMatch(/deliverystream/);
  });
});

describe("fitsCognitoArnConstraints", () => {
  it("applies Cognito's pattern and lengths per kind", () => {
    expect(fitsCognitoArnConstraints("logGroup", "arn:aws:logs:us-east-1:123456789012:log-group:/x")).toBe(
      true,
    );
    expect(fitsCognitoArnConstraints("logGroup", "arn:aws:logs:us-east-1:123456789012:log-group:/x:*")).toBe(
      false,
    );
    expect(fitsCognitoArnConstraints("s3", "arn:aws:s3:::b")).toBe(true);
    expect(fitsCognitoArnConstraints("s3", `arn:aws:s3:::${"b".repeat(1020)}`)).toBe(false);
  });
});

describe("destinationName", () => {
  it("gives the short name, even for an ARN it cannot fully read", () => {
    expect(destinationName("arn:aws:logs:us-east-1:123456789012:log-group:/a/b")).toBe("/a/b");
    expect(destinationName("arn:aws:firehose:us-east-1:123456789012:deliverystream/s")).toBe("s");
    expect(destinationName("arn:aws:s3:::bkt")).toBe("bkt");
    expect(destinationName("arn:aws:logs:us-east-1:123456789012:log-group:grp:*")).toBe("grp");
  });
});
