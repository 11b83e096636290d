import { DESTINATION_KIND_LABELS } from "./labels.ts";
import type { DestinationKind, FieldError } from "./model.ts";

/**
 * Cognito's own constraints on destination ARNs (service model, rules doc §2). Java's `matches()`
 * tests the whole value, hence the anchors.
 */
export const LOG_GROUP_OR_STREAM_ARN_PATTERN =
  "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?";
export const BUCKET_ARN_PATTERN =
  "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:::[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?";

export const ARN_LIMITS: Readonly<Record<DestinationKind, { min: number; max: number; pattern: string }>> = {
  logGroup: { min: 20, max: 2048, pattern: LOG_GROUP_OR_STREAM_ARN_PATTERN },
  firehose: { min: 20, max: 2048, pattern: LOG_GROUP_OR_STREAM_ARN_PATTERN },
  s3: { min: 3, max: 1024, pattern: BUCKET_ARN_PATTERN },
};

const LOG_GROUP_OR_STREAM_ARN_RE = new RegExp(`^(?:${LOG_GROUP_OR_STREAM_ARN_PATTERN})$`);
const BUCKET_ARN_RE = new RegExp(`^(?:${BUCKET_ARN_PATTERN})$`);

/** Whether a value fits Cognito's length and pattern constraints for that kind of destination. */
export function fitsCognitoArnConstraints(kind: DestinationKind, arn: string): boolean {
  const limits = ARN_LIMITS[kind];
  if (arn.length < limits.min || arn.length > limits.max) return false;
  return (kind === "s3" ? BUCKET_ARN_RE : LOG_GROUP_OR_STREAM_ARN_RE).test(arn);
}

export interface ParsedDestinationArn {
  kind: DestinationKind;
  partition: string;
  /** Empty for S3 bucket ARNs, which carry no region. */
  region: string;
  /** Empty for S3 bucket ARNs, which carry no account. */
  accountId: string;
  /** Log group name, stream name or bucket name. */
  name: string;
}

export const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_RE = /^\d{12}$/;
const PARTITION_RE = /^aws(-[a-z]+)*$/;
const LOG_GROUP_NAME_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME_RE = /^[a-zA-Z0-9_.-]{1,64}$/;
const BUCKET_NAME_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const EXAMPLE = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito/my-pool";

export function isFieldError(value: unknown): value is FieldError {
  return typeof value === "object" && value !== null && "message" in value && "path" in value;
}

/**
 * Reads a typed-in destination ARN, as the user types it, and says in their terms what is wrong.
 * Also enforces Cognito's ARN pattern, so whatever passes here passes AWS's model validation.
 */
export function parseDestinationArn(arn: string, path = "arn"): ParsedDestinationArn | FieldError {
  const fail = (message: string): FieldError => ({ path, message });
  if (typeof arn !== "string" || arn.length === 0) {
    return fail("Enter the ARN of a CloudWatch log group, Firehose stream or S3 bucket.");
  }
  if (arn.trim() !== arn) return fail("Remove the spaces before or after the ARN.");
  if (!arn.startsWith("arn:")) {
    return fail(`This is not an ARN. ARNs look like ${EXAMPLE}.`);
  }
  const parts = arn.split(":");
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  const resource = parts.slice(5).join(":");
  if (parts.length < 6 || resource.length === 0) {
    return fail(`This ARN is incomplete. ARNs look like ${EXAMPLE}.`);
  }
  if (!PARTITION_RE.test(partition)) {
    return fail(
      `"${partition}" is not an AWS partition; ARNs start with arn:aws: (or arn:aws-cn:, arn:aws-us-gov:).`,
    );
  }

  let parsed: ParsedDestinationArn;
  if (service === "logs") {
    const regionError = checkRegionAndAccount(region, accountId);
    if (regionError) return fail(regionError);
    if (!resource.startsWith("log-group:")) {
      return fail("This CloudWatch Logs ARN does not name a log group; it should contain :log-group:<name>.");
    }
    const name = resource.slice("log-group:".length);
    if (name === "*" || name.endsWith(":*")) {
      return fail(
        "Use the log group ARN without the trailing :* — Cognito rejects the :* form that DescribeLogGroups and the CloudWatch console show; remove the :* at the end.",
      );
    }
    if (name.includes(":log-stream:") || name.includes(":")) {
      return fail("This ARN names a log stream; use the ARN of its log group (…:log-group:<name>).");
    }
    if (name.includes("#")) {
      return fail(
        "Log groups whose name contains # cannot be used: Cognito's ARN rules do not allow #. Choose or create a log group without # in its name.",
      );
    }
    if (!LOG_GROUP_NAME_RE.test(name)) {
      return fail("A log group name is 1–512 characters: letters, digits and . - _ /.");
    }
    parsed = { kind: "logGroup", partition, region, accountId, name };
  } else if (service === "firehose") {
    const regionError = checkRegionAndAccount(region, accountId);
    if (regionError) return fail(regionError);
    if (!resource.startsWith("deliverystream/")) {
      return fail("This Firehose ARN does not name a stream; it should end in :deliverystream/<name>.");
    }
    const name = resource.slice("deliverystream/".length);
    if (!STREAM_NAME_RE.test(name)) {
      return fail("A Firehose stream name is 1–64 characters: letters, digits and . _ -.");
    }
    parsed = { kind: "firehose", partition, region, accountId, name };
  } else if (service === "s3") {
    if (region !== "" || accountId !== "") {
      return fail("An S3 bucket ARN has no region or account: it looks like arn:aws:s3:::my-bucket.");
    }
    if (resource.includes("/")) {
      return fail("Use the bucket's ARN (arn:aws:s3:::<bucket>) without an object path after it.");
    }
    if (!BUCKET_NAME_RE.test(resource) || resource.includes("..")) {
      return fail("A bucket name is 3–63 characters: lowercase letters, digits, dots and hyphens.");
    }
    parsed = { kind: "s3", partition, region: "", accountId: "", name: resource };
  } else {
    return fail(
      `This is ${service ? `a ${service}` : "an unknown"} ARN. Logs can go to a CloudWatch log group, a Firehose stream or an S3 bucket.`,
    );
  }

  const limits = ARN_LIMITS[parsed.kind];
  if (arn.length < limits.min || arn.length > limits.max) {
    return fail(
      `A ${DESTINATION_KIND_LABELS[parsed.kind]} ARN must be ${limits.min}–${limits.max} characters long; this one has ${arn.length}.`,
    );
  }
  if (!fitsCognitoArnConstraints(parsed.kind, arn)) {
    return fail(`Cognito does not accept this ARN: it must match ${limits.pattern}.`);
  }
  return parsed;
}

function checkRegionAndAccount(region: string, accountId: string): string | null {
  if (!REGION_RE.test(region)) {
    return `"${region}" is not an AWS region; the ARN needs one such as us-east-1 after the service name.`;
  }
  if (!ACCOUNT_RE.test(accountId)) {
    return `"${accountId}" is not an AWS account id; the ARN needs the 12-digit account after the region.`;
  }
  return null;
}

/** The short name the user knows a destination by; falls back to the ARN's last part. */
export function destinationName(arn: string): string {
  const parsed = parseDestinationArn(arn);
  if (!isFieldError(parsed)) return parsed.name;
  const stripped = arn.endsWith(":*") ? arn.slice(0, -2) : arn;
  return stripped.slice(Math.max(stripped.lastIndexOf(":"), stripped.lastIndexOf("/")) + 1) || arn;
}
