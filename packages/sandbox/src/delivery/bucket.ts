/**
 * An S3 destination: the bucket exists in the caller's reach, its policy lets the delivery service
 * check its ACL and write under `AWSLogs/<account>/`, and it is not encrypted with an AWS-managed key.
 */
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import { AwsError, type CallContext } from "../core/types.ts";
import type { ServiceCalls } from "./calls.ts";
import { type DeliveryReason, type Plan, pad2, reason, sourceArnFor } from "./model.ts";
import { allows, DELIVERY_PRINCIPAL } from "./policy.ts";

export function planBucket(
  calls: ServiceCalls,
  bucket: string,
  pool: { region: string; account: string; poolId: string },
  base?: CallContext,
): Plan {
  const lookup = calls.contextFor(pool.region, pool.account, base);
  const head = calls.s3Request("HEAD", `/${bucket}`, lookup);
  if (head.status === 404) return { reasons: [reason("bucket-missing", `Bucket ${bucket} does not exist.`)] };
  if (head.status !== 200) {
    return {
      reasons: [
        reason("bucket-other-account", `Bucket ${bucket} belongs to another account (HTTP ${head.status}).`),
      ],
    };
  }
  const ctx = calls.contextFor(head.headers?.["x-amz-bucket-region"] ?? pool.region, pool.account, base);
  const reasons: DeliveryReason[] = [];
  const d = new Date(ctx.now());
  const key = `AWSLogs/${pool.account}/cognito/${pool.region}/${pool.poolId}/${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(
    d.getUTCDate(),
  )}/${pad2(d.getUTCHours())}/${pool.account}_cognito_${pool.poolId}_${d.toISOString().replace(/[-:]/g, "").slice(0, 13)}Z_${randomBytes(8).toString("hex")}.log.gz`;
  let policy: string | undefined;
  try {
    const answer = calls.s3Request("GET", `/${bucket}?policy`, ctx);
    policy = answer.body === undefined ? undefined : answer.body.toString();
  } catch (error) {
    if (!(error instanceof AwsError && error.code === "NoSuchBucketPolicy")) throw error;
  }
  const source = {
    "aws:SourceAccount": pool.account,
    "aws:SourceArn": sourceArnFor(pool.region, pool.account, pool.poolId),
  };
  // Delivery checks the bucket's ACL, then writes (rules doc §3: both statements are needed).
  const aclCheck =
    policy !== undefined &&
    allows([policy], { actions: ["s3:GetBucketAcl"], resource: `arn:aws:s3:::${bucket}`, context: source });
  const write =
    policy !== undefined &&
    allows([policy], {
      actions: ["s3:PutObject"],
      resource: `arn:aws:s3:::${bucket}/${key}`,
      context: { ...source, "s3:x-amz-acl": "bucket-owner-full-control" },
    });
  if (!aclCheck || !write) {
    const missing = [
      aclCheck ? null : `s3:GetBucketAcl on ${bucket}`,
      write ? null : `s3:PutObject on ${bucket}/AWSLogs/${pool.account}/*`,
    ]
      .filter(Boolean)
      .join(" and ");
    reasons.push(
      reason(
        "bucket-policy-missing",
        `The policy of bucket ${bucket} does not let ${DELIVERY_PRINCIPAL} ${missing}.`,
      ),
    );
  }
  const encryption = calls.s3Request("GET", `/${bucket}?encryption`, ctx).body?.toString() ?? "";
  const kmsKey = /<KMSMasterKeyID>([^<]*)<\/KMSMasterKeyID>/.exec(encryption)?.[1];
  // No key id means S3's AWS-managed aws/s3 key; KMS reserves alias/aws/… for AWS-managed keys. A
  // key id or key ARN is taken as customer-managed: the sandbox has no KMS to ask (rules doc §3).
  if (/<SSEAlgorithm>aws:kms/.test(encryption) && (!kmsKey || /(^|:)alias\/aws\//.test(kmsKey))) {
    reasons.push(
      reason(
        "bucket-kms-aws-managed",
        `Bucket ${bucket} uses the AWS-managed KMS key; log delivery needs a customer-managed key.`,
      ),
    );
  }
  if (reasons.length > 0) return { reasons };
  return {
    reasons,
    write(events) {
      const body = gzipSync(Buffer.from(`${events.map((e) => JSON.stringify(e)).join("\n")}\n`));
      calls.s3Request("PUT", `/${bucket}/${key}`, ctx, body, {
        "content-type": "application/x-gzip",
        "x-amz-acl": "bucket-owner-full-control",
      });
      return [key];
    },
  };
}
