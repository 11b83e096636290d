import type { CallContext } from "../core/types.ts";

/** A CallContext for seeding: no persistence per call (the caller saves once at the end). */
export function seedContext(region: string, accountId: string, now: () => number = Date.now): CallContext {
  return { region, accountId, requestId: "seed", now, changed: () => {} };
}

export const DEMO_REGIONS = ["us-east-1", "eu-west-1"] as const;

/** The CloudWatch Logs resource policy AWS adds for vended logs (rules doc §3). */
export function deliveryLogPolicy(accountId: string, region: string, logGroupArns: string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AWSLogDeliveryWrite20150319",
        Effect: "Allow",
        Principal: { Service: ["delivery.logs.amazonaws.com"] },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: logGroupArns.map((arn) => `${arn}:log-stream:*`),
        Condition: {
          StringEquals: { "aws:SourceAccount": [accountId] },
          ArnLike: { "aws:SourceArn": [`arn:aws:logs:${region}:${accountId}:*`] },
        },
      },
    ],
  });
}

/** The S3 bucket policy AWS adds for log delivery (rules doc §3). */
export function deliveryBucketPolicy(accountId: string, region: string, bucket: string): string {
  const condition = {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:*` },
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AWSLogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: condition,
      },
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${bucket}/AWSLogs/${accountId}/*`,
        Condition: {
          ...condition,
          StringEquals: { ...condition.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" },
        },
      },
    ],
  });
}

/** A pool tagged `demo-traffic` = `none` gets no traffic from the demo trickle (delivery/index.ts). */
export const DEMO_TRAFFIC_TAG = "demo-traffic";
