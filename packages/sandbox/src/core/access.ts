/**
 * What the core checks about a caller before an operation runs (issue 14): whether its role session
 * has expired, whether its account has enabled the region, and whether the role's policies allow
 * the action. Each check answers in the called service's protocol, with AWS's codes and texts:
 *
 * - expired session: awsQuery `ExpiredToken` (400), awsJson `ExpiredTokenException` (400), S3
 *   `ExpiredToken` (400, "The provided token has expired."), all "The security token included in the
 *   request is expired" otherwise (public reports of AWS's answers; aws-sdk-go's list of expired-token codes);
 * - region not enabled: the request's credentials are unknown there (AWS General Reference, opt-in
 *   regions): awsJson `UnrecognizedClientException` (400), awsQuery `InvalidClientTokenId` (403), both
 *   "The security token included in the request is invalid.";
 * - not allowed: awsJson `AccessDeniedException` (400), awsQuery and S3 `AccessDenied` (403), REST-JSON
 *   `AccessDeniedException` (403), "User: <arn> is not authorized to perform: <action> on resource:
 *   <resource> because no identity-based policy allows the <action> action" (IAM user guide,
 *   "Troubleshoot access denied error messages"; S3 leaves out "on resource" for ListAllMyBuckets).
 */
import type { AwsCall } from "./protocols/errors.ts";
import { AwsError, type CallContext, type Principal } from "./types.ts";

/** Services whose endpoints are regional: an account reaches them only in regions it has enabled. */
const REGIONAL = new Set(["cognito-idp", "logs", "firehose", "sts", "sqs", "events", "cloudtrail"]);

/** IAM's action names for S3 operations whose action is not `s3:<Operation>` (S3 user guide, "Actions"). */
const S3_ACTIONS: Record<string, string> = {
  ListBuckets: "ListAllMyBuckets",
  ListObjects: "ListBucket",
  ListObjectsV2: "ListBucket",
  HeadBucket: "ListBucket",
  HeadObject: "GetObject",
  GetBucketEncryption: "GetEncryptionConfiguration",
  PutBucketEncryption: "PutEncryptionConfiguration",
  DeleteBucketEncryption: "PutEncryptionConfiguration",
  GetBucketLifecycle: "GetLifecycleConfiguration",
  PutBucketLifecycle: "PutLifecycleConfiguration",
  DeleteBucketLifecycle: "PutLifecycleConfiguration",
  GetBucketPublicAccessBlock: "GetBucketPublicAccessBlock",
  GetBucketTagging: "GetBucketTagging",
  PutObjectTagging: "PutObjectTagging",
};

/** SQS batch operations are authorised by their single-message action (SQS developer guide, "Amazon SQS API permissions"). */
const SQS_ACTIONS: Record<string, string> = {
  DeleteMessageBatch: "DeleteMessage",
  SendMessageBatch: "SendMessage",
  ChangeMessageVisibilityBatch: "ChangeMessageVisibility",
};

/** Operations that need no permission (STS API reference: GetCallerIdentity). */
const FREE = new Set(["sts:GetCallerIdentity"]);

/**
 * IAM's service prefix where it differs from the signing name: CloudWatch signs as `monitoring` and
 * authorizes as `cloudwatch:` (CloudWatch API reference, "Actions, resources, and condition keys").
 */
const IAM_PREFIX: Record<string, string> = { monitoring: "cloudwatch" };

/** The IAM action a call needs, e.g. `cognito-idp:ListUserPools`, `s3:ListAllMyBuckets`, `cloudwatch:GetMetricData`. */
export function iamAction(call: Pick<AwsCall, "signingName" | "operation">): string {
  const signing = call.signingName ?? "unknown";
  const service = IAM_PREFIX[signing] ?? signing;
  const operation =
    signing === "s3"
      ? (S3_ACTIONS[call.operation] ?? call.operation)
      : signing === "sqs"
        ? (SQS_ACTIONS[call.operation] ?? call.operation)
        : call.operation;
  return `${service}:${operation}`;
}

/**
 * The resource a call names, for the message and resource-level statements: the pool, stream or log
 * group named in a JSON body, the role an AssumeRole names (its query parameters), else `*`.
 */
export function callResource(
  call: AwsCall,
  ctx: CallContext,
  body: Record<string, unknown> | undefined,
): string {
  const named = (member: string) =>
    typeof body?.[member] === "string" ? (body[member] as string) : undefined;
  const where = `${ctx.region}:${ctx.accountId}`;
  if (call.signingName === "cognito-idp" && named("UserPoolId"))
    return `arn:aws:cognito-idp:${where}:userpool/${named("UserPoolId")}`;
  if (call.signingName === "firehose" && named("DeliveryStreamName"))
    return `arn:aws:firehose:${where}:deliverystream/${named("DeliveryStreamName")}`;
  if (call.signingName === "logs" && named("logGroupName"))
    return `arn:aws:logs:${where}:log-group:${named("logGroupName")}`;
  if (call.signingName === "sts" && named("RoleArn")) return named("RoleArn") as string;
  return "*";
}

export function needsPermission(action: string): boolean {
  return !FREE.has(action);
}

export function expiredToken(call: AwsCall): AwsError {
  if (call.protocol === "json" || call.protocol === "restJson")
    return new AwsError("ExpiredTokenException", "The security token included in the request is expired");
  if (call.protocol === "rest") return new AwsError("ExpiredToken", "The provided token has expired.");
  // EC2: aws-sdk-go's list of expired-credential codes names RequestExpired for EC2's protocol.
  if (call.protocol === "ec2") return new AwsError("RequestExpired", "Request has expired.");
  return new AwsError("ExpiredToken", "The security token included in the request is expired");
}

export function isRegional(signingName: string | undefined): boolean {
  return signingName !== undefined && REGIONAL.has(signingName);
}

/**
 * Credentials AWS does not know there: a region the account has not enabled, or a session token the
 * sandbox no longer holds. S3: `InvalidToken` "The provided token is malformed or otherwise invalid."
 */
export function invalidToken(call: AwsCall): AwsError {
  const message = "The security token included in the request is invalid.";
  if (call.protocol === "rest")
    return new AwsError("InvalidToken", "The provided token is malformed or otherwise invalid.");
  // EC2 answers credentials it does not know with AuthFailure (EC2 API reference, "Common client errors").
  if (call.protocol === "ec2")
    return new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
  return call.protocol === "query"
    ? new AwsError("InvalidClientTokenId", message, 403)
    : new AwsError("UnrecognizedClientException", message, call.protocol === "restJson" ? 403 : 400);
}

export function accessDenied(
  call: AwsCall,
  principal: Principal,
  action: string,
  resource: string,
  explicit: boolean,
): AwsError {
  const on = call.protocol === "rest" && resource === "*" ? "" : ` on resource: ${resource}`;
  const why = explicit
    ? "with an explicit deny in an identity-based policy"
    : `because no identity-based policy allows the ${action} action`;
  const message = `User: ${principal.arn} is not authorized to perform: ${action}${on} ${why}`;
  if (call.protocol === "json") return new AwsError("AccessDeniedException", message);
  if (call.protocol === "restJson") return new AwsError("AccessDeniedException", message, 403);
  // EC2: UnauthorizedOperation, "You are not authorized to perform this operation." then the reason
  // (EC2 API reference, "Common client errors"; IAM user guide's access-denied texts).
  if (call.protocol === "ec2")
    return new AwsError(
      "UnauthorizedOperation",
      `You are not authorized to perform this operation. ${message}`,
      403,
    );
  return new AwsError("AccessDenied", message, 403);
}
