/**
 * Links to a resource's page in the AWS Management Console, in the right partition and region.
 * Pure: built from ARNs and ids alone, so the web can offer them for anything it shows.
 *
 * Console hosts per partition (AWS General Reference, "AWS Management Console" endpoints; the China
 * and GovCloud consoles: docs.amazonaws.cn "AWS Management Console" and the GovCloud (US) user
 * guide "AWS GovCloud (US) console"): `aws` → `https://<region>.console.aws.amazon.com`, `aws-cn` →
 * `https://console.amazonaws.cn`, `aws-us-gov` → `https://console.amazonaws-us-gov.com`; every page
 * also takes `?region=`.
 */
import { REGION_RE } from "./arn.ts";

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

const PARTITION_HOSTS: Readonly<Record<Partition, string>> = {
  aws: "console.aws.amazon.com",
  "aws-cn": "console.amazonaws.cn",
  "aws-us-gov": "console.amazonaws-us-gov.com",
};

/** The partition a region belongs to: `cn-*` China, `us-gov-*` GovCloud (US), else the commercial one. */
export function partitionOfRegion(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

function isPartition(value: string): value is Partition {
  return Object.hasOwn(PARTITION_HOSTS, value);
}

/** `https://…/<path>` on the console of `partition`, for `region` when given (else the global console). */
function consoleUrl(partition: Partition, region: string | undefined, path: string, hash = ""): string {
  const host =
    partition === "aws" && region ? `${region}.${PARTITION_HOSTS.aws}` : PARTITION_HOSTS[partition];
  const query = region ? `?region=${encodeURIComponent(region)}` : "";
  return `https://${host}/${path}${query}${hash}`;
}

/** A user pool's overview page in the Cognito console (`poolId` is `<region>_<id>`). */
export function userPoolConsoleUrl(poolId: string, region: string): string {
  return consoleUrl(
    partitionOfRegion(region),
    region,
    `cognito/v2/idp/user-pools/${encodeURIComponent(poolId)}/info`,
  );
}

/**
 * The CloudWatch console's hash routes hold names encoded twice with `$` for `%` (the console's own
 * links: `/aws/x` → `$252Faws$252Fx`).
 */
function cloudWatchHashName(name: string): string {
  return encodeURIComponent(encodeURIComponent(name)).replaceAll("%", "$");
}

interface ParsedArn {
  partition: Partition;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** The parts of an ARN (`arn:partition:service:region:account:resource`); null when it is not one. */
export function parseArn(arn: string): ParsedArn | null {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return null;
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  const resource = parts.slice(5).join(":");
  if (!isPartition(partition) || !service || !resource) return null;
  if (region !== "" && !REGION_RE.test(region)) return null;
  return { partition, service, region, accountId, resource };
}

/**
 * The console page of the resource an ARN names: a log group, Firehose stream, S3 bucket, IAM role or
 * Cognito user pool. `regionHint` is the region of a resource whose ARN has none (S3 buckets).
 * Null for an ARN of another kind, or not an ARN at all.
 */
export function consoleUrlForArn(arn: string, regionHint?: string): string | null {
  const parsed = parseArn(arn);
  if (!parsed) return null;
  const { partition, service, region, resource } = parsed;
  switch (service) {
    case "logs": {
      if (!resource.startsWith("log-group:")) return null;
      const name = resource.slice("log-group:".length).replace(/:\*$/, "");
      return consoleUrl(
        partition,
        region,
        "cloudwatch/home",
        `#logsV2:log-groups/log-group/${cloudWatchHashName(name)}`,
      );
    }
    case "firehose": {
      if (!resource.startsWith("deliverystream/")) return null;
      const name = resource.slice("deliverystream/".length);
      return consoleUrl(
        partition,
        region,
        "firehose/home",
        `#/details/${encodeURIComponent(name)}/monitoring`,
      );
    }
    case "s3": {
      if (resource.includes("/")) return null;
      const bucketRegion = regionHint && REGION_RE.test(regionHint) ? regionHint : undefined;
      // The commercial S3 console lives on its own host; the other partitions' on their console host.
      if (partition === "aws") {
        const query = bucketRegion ? `?region=${bucketRegion}` : "";
        return `https://s3.${PARTITION_HOSTS.aws}/s3/buckets/${encodeURIComponent(resource)}${query}`;
      }
      return consoleUrl(partition, bucketRegion, `s3/buckets/${encodeURIComponent(resource)}`);
    }
    case "iam": {
      if (!resource.startsWith("role/")) return null;
      // IAM is global: the role's name is the last segment of its path (`role/service-role/name`).
      const name = resource.slice(resource.lastIndexOf("/") + 1);
      return consoleUrl(partition, undefined, "iam/home", `#/roles/details/${encodeURIComponent(name)}`);
    }
    case "cognito-idp": {
      if (!resource.startsWith("userpool/")) return null;
      return userPoolConsoleUrl(resource.slice("userpool/".length), region);
    }
    default:
      return null;
  }
}

/**
 * The CloudTrail console's home in `region` (where a trail is created). No query or fragment: the
 * console's answers mask every URL's query and fragment as possible secrets (url-secrets.ts), so the
 * region goes in the host where the partition has regional hosts.
 */
export function cloudTrailConsoleUrl(region: string): string {
  const partition = partitionOfRegion(region);
  const host = partition === "aws" ? `${region}.${PARTITION_HOSTS.aws}` : PARTITION_HOSTS[partition];
  return `https://${host}/cloudtrailv2/home`;
}
