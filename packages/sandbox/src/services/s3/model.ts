/**
 * S3's state and the rules shared by its operations: the stored buckets and objects (also the
 * snapshot's schema), AWS's bucket naming rules, and the errors several operations answer.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { AwsError, type CallContext } from "../../core/types.ts";
import { isObject } from "../shared/json.ts";
import { decodeToken } from "../shared/paging.ts";

export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
export const MAX_POLICY_BYTES = 20 * 1024;
export const MAX_TAGS = 50;
/** Elements that may repeat in the documents S3 reads; always parsed as arrays. */
export const S3_REPEATED: ReadonlySet<string> = new Set([
  "Rule",
  "Tag",
  "Transition",
  "NoncurrentVersionTransition",
]);

const ObjectSchema = z.object({
  body: z.string(),
  contentType: z.string(),
  etag: z.string(),
  lastModified: z.number(),
  size: z.number(),
  metadata: z.record(z.string(), z.string()),
  checksums: z.record(z.string(), z.string()),
});
const BucketSchema = z.object({
  name: z.string(),
  region: z.string(),
  owner: z.string(),
  creationDate: z.number(),
  policy: z.string().optional(),
  publicAccessBlock: z.record(z.string(), z.boolean()).optional(),
  lifecycleRules: z.array(z.record(z.string(), z.unknown())).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  /** S3 Object Ownership; absent = no ownership controls (ACLs apply, as on buckets from before 2023). */
  objectOwnership: z.enum(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]).optional(),
  /** The canned ACL given at creation, when ACLs are enabled. */
  acl: z.string().optional(),
  encryption: z.object({
    algorithm: z.string(),
    kmsKeyId: z.string().optional(),
    bucketKeyEnabled: z.boolean(),
  }),
  objects: z.record(z.string(), ObjectSchema),
});
export const S3SnapshotSchema = z.object({
  version: z.literal(1),
  buckets: z.record(z.string(), BucketSchema),
});

export type Bucket = z.infer<typeof BucketSchema>;
export type StoredObject = z.infer<typeof ObjectSchema>;

/** Every bucket of every account, by name (bucket names are global). */
export interface S3State {
  buckets: Record<string, Bucket>;
}

export const PUBLIC_ACCESS_FLAGS = [
  "BlockPublicAcls",
  "IgnorePublicAcls",
  "BlockPublicPolicy",
  "RestrictPublicBuckets",
] as const;

export const OBJECT_OWNERSHIPS = ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"] as const;
export type ObjectOwnership = (typeof OBJECT_OWNERSHIPS)[number];
/** The ACL headers S3 reads on CreateBucket and PutObject. */
export const GRANT_HEADERS = [
  "x-amz-grant-full-control",
  "x-amz-grant-read",
  "x-amz-grant-read-acp",
  "x-amz-grant-write",
  "x-amz-grant-write-acp",
];

/** AWS's bucket naming rules (general purpose buckets). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "must be between 3 and 63 characters long";
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return "may contain only lowercase letters, numbers, dots and hyphens, and must begin and end with a letter or number";
  }
  if (name.includes("..")) return "must not contain two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "must not be formatted as an IP address";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return "must not start with a reserved prefix";
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return "must not end with a reserved suffix";
  return undefined;
}

/** S3's canonical user id: 64 hex characters, stable per account. */
export function canonicalUserId(accountId: string): string {
  return createHash("sha256").update(`sandbox-canonical-${accountId}`).digest("hex");
}

/** What a bucket is encrypted with until told otherwise, and again after DeleteBucketEncryption. */
export const defaultEncryption = (): Bucket["encryption"] => ({
  algorithm: "AES256",
  bucketKeyEnabled: false,
});

export function noSuchBucket(bucket: string): AwsError {
  return new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: bucket });
}

/** `true`/`false` as S3's XML writes booleans; anything else is undefined. */
export function readBoolean(value: unknown): boolean | undefined {
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** The bucket, checked for ownership and (when `sameRegion`) for the signing region. */
export function ownBucket(state: S3State, name: string, ctx: CallContext, sameRegion = true): Bucket {
  const bucket = state.buckets[name];
  if (!bucket) throw noSuchBucket(name);
  // Cross-account access would need a bucket policy; the sandbox denies it like a bucket without one.
  if (bucket.owner !== ctx.accountId) throw new AwsError("AccessDenied", "Access Denied", 403);
  if (sameRegion && bucket.region !== ctx.region) {
    throw new AwsError(
      "PermanentRedirect",
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      301,
      { Endpoint: `s3.${bucket.region}.amazonaws.com`, Bucket: name },
    );
  }
  return bucket;
}

/**
 * The name a listing resumes after, from a `continuation-token` of ListBuckets or ListObjectsV2.
 * @throws AwsError InvalidArgument (S3's text) when the token is not one the sandbox gave.
 */
export function continuationAfter(token: string): string {
  const position = decodeToken(token);
  if (!isObject(position) || typeof position.after !== "string") {
    throw new AwsError("InvalidArgument", "The continuation token provided is incorrect", 400, {
      ArgumentName: "continuation-token",
    });
  }
  return position.after;
}
