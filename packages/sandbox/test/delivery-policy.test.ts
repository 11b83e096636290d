import { describe, expect, it } from "vitest";
import { allows } from "../src/delivery/policy.ts";
import { deliveryBucketPolicy, deliveryLogPolicy } from "../src/seed/context.ts";

const ACCOUNT = "123456789012";
const GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vendedlogs/cognito/p1`;
const logRequest = (resource = `${GROUP}:log-stream:us-east-1_abc/2025-01-15`) => ({
  actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
  resource,
  context: {
    "aws:SourceAccount": ACCOUNT,
    "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-source:x`,
  },
});
const policy = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const allowDelivery = (extra: Record<string, unknown> = {}) =>
  policy({
    Effect: "Allow",
    Principal: { Service: "delivery.logs.amazonaws.com" },
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/*",
    ...extra,
  });

describe("delivery policy evaluation", () => {
  it("accepts the policy AWS itself adds for vended logs", () => {
    expect(allows([deliveryLogPolicy(ACCOUNT, "us-east-1", [GROUP])], logRequest())).toBe(true);
  });

  it("accepts wildcards in resources and actions, and actions split over statements", () => {
    expect(allows([allowDelivery()], logRequest())).toBe(true);
    expect(allows([allowDelivery({ Action: "logs:*", Resource: "*" })], logRequest())).toBe(true);
    const create = allowDelivery({ Action: "logs:CreateLogStream" });
    const put = allowDelivery({ Action: "logs:PutLogEvents" });
    expect(allows([create], logRequest())).toBe(false);
    expect(allows([create, put], logRequest())).toBe(true);
  });

  it("rejects other principals, other resources, Deny and failing conditions", () => {
    expect(allows([allowDelivery({ Principal: { Service: "es.amazonaws.com" } })], logRequest())).toBe(false);
    expect(
      allows(
        [allowDelivery({ Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/other:*` })],
        logRequest(),
      ),
    ).toBe(false);
    const deny = policy({ Effect: "Deny", Principal: "*", Action: "logs:PutLogEvents", Resource: "*" });
    expect(allows([allowDelivery(), deny], logRequest())).toBe(false);
    expect(
      allows(
        [allowDelivery({ Condition: { StringEquals: { "aws:SourceAccount": "999999999999" } } })],
        logRequest(),
      ),
    ).toBe(false);
    expect(allows(["not json"], logRequest())).toBe(false);
  });

  it("checks the S3 write path and the acl condition of the AWS bucket policy", () => {
    const doc = deliveryBucketPolicy(ACCOUNT, "us-east-1", "logs-bucket");
    const put = (key: string, acl = "bucket-owner-full-control") => ({
      actions: ["s3:PutObject"],
      resource: `arn:aws:s3:::logs-bucket/${key}`,
      context: {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:x`,
        "s3:x-amz-acl": acl,
      },
    });
    expect(allows([doc], put(`AWSLogs/${ACCOUNT}/cognito/x.log.gz`))).toBe(true);
    expect(allows([doc], put("elsewhere/x.log.gz"))).toBe(false);
    expect(allows([doc], put(`AWSLogs/${ACCOUNT}/cognito/x.log.gz`, "private"))).toBe(false);
  });

  it("lets the common TLS-only Deny pass, as the delivery service always uses TLS (agrees with @clc/domain)", () => {
    const tlsOnly = (extra: Record<string, unknown> = {}) =>
      policy({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:*", "logs:*"],
        Resource: "*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
        ...extra,
      });
    const doc = deliveryBucketPolicy(ACCOUNT, "us-east-1", "logs-bucket");
    const put = {
      actions: ["s3:PutObject"],
      resource: `arn:aws:s3:::logs-bucket/AWSLogs/${ACCOUNT}/cognito/x.log.gz`,
      context: {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:x`,
        "s3:x-amz-acl": "bucket-owner-full-control",
      },
    };
    expect(allows([doc, tlsOnly()], put)).toBe(true);
    expect(allows([allowDelivery(), tlsOnly()], logRequest())).toBe(true);
    expect(
      allows(
        [allowDelivery(), tlsOnly({ Condition: { Bool: { "aws:SecureTransport": false } } })],
        logRequest(),
      ),
    ).toBe(true);
    // The same Deny on plain HTTP's opposite does apply.
    expect(allows([doc, tlsOnly({ Condition: { Bool: { "aws:SecureTransport": "true" } } })], put)).toBe(
      false,
    );
    // A Deny on a key the sandbox does not model cannot be shown to apply, so it does not block.
    expect(
      allows(
        [allowDelivery(), tlsOnly({ Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } })],
        logRequest(),
      ),
    ).toBe(true);
  });
});
