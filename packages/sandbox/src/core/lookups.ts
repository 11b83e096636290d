/**
 * Cross-service questions (does this log group exist? where is this bucket?) asked the way a client
 * would: through the other services' operations, so no service needs a private API for another.
 */
import {
  AwsError,
  type CallContext,
  type RestResponse,
  type RestService,
  type SandboxServices,
} from "./types.ts";

export interface DestinationLookup {
  logGroupExists(name: string, ctx: CallContext): boolean;
  deliveryStreamExists(name: string, ctx: CallContext): boolean;
  /** The bucket's region, or undefined when there is no such bucket. */
  bucketRegion(bucket: string, ctx: CallContext): string | undefined;
}

/** HeadBucket as a client sends it: 200 with `x-amz-bucket-region`, 403 for another account's bucket, 404. */
export function headBucket(s3: RestService, bucket: string, ctx: CallContext): RestResponse {
  return s3.handle(
    { method: "HEAD", path: `/${bucket}`, query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) },
    ctx,
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof AwsError && (error.status === 404 || /NotFound|NoSuch/.test(error.code));
}

export function lookupThrough(services: () => Partial<SandboxServices>): DestinationLookup {
  return {
    logGroupExists(name, ctx) {
      const describe = services().logs?.operations.DescribeLogGroups;
      if (!describe) return false;
      const answer = describe({ logGroupNamePrefix: name, limit: 50 }, ctx) as {
        logGroups?: { logGroupName?: string }[];
      };
      return (answer.logGroups ?? []).some((g) => g.logGroupName === name);
    },
    deliveryStreamExists(name, ctx) {
      const describe = services().firehose?.operations.DescribeDeliveryStream;
      if (!describe) return false;
      try {
        describe({ DeliveryStreamName: name }, ctx);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    bucketRegion(bucket, ctx) {
      const s3 = services().s3;
      if (!s3) return undefined;
      try {
        const answer = headBucket(s3, bucket, ctx);
        if (answer.status >= 300) return undefined;
        const header = Object.entries(answer.headers ?? {}).find(
          ([k]) => k.toLowerCase() === "x-amz-bucket-region",
        );
        // A bucket that exists but does not say where it is: assume the caller's region.
        return header?.[1] ?? ctx.region;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}
