/**
 * S3 (REST-XML, path-style `/bucket/key`): the bucket and object operations a log console needs.
 * Bucket names are global; each bucket lives in one region and belongs to one account. A request
 * signed for another region than the bucket's gets S3's 301 PermanentRedirect (except HeadBucket,
 * GetBucketLocation and ListBuckets, which answer from anywhere, as clients use them to find the region).
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { z } from "zod";
import {
  AwsError,
  type CallContext,
  type RestRequest,
  type RestResponse,
  type RestService,
  type StatefulService,
} from "../core/types.ts";
import { decodeAwsChunked } from "../core/wire.ts";
import { buildXml, el, malformedXml, parseXmlBody, raw, S3_XMLNS, xmlDocument } from "./s3/xml.ts";
import { isObject } from "./shared/json.ts";
import { decodeToken, encodeToken } from "./shared/paging.ts";

const MAX_POLICY_BYTES = 20 * 1024;
const MAX_TAGS = 50;

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
const S3SnapshotSchema = z.object({ version: z.literal(1), buckets: z.record(z.string(), BucketSchema) });

type Bucket = z.infer<typeof BucketSchema>;
type StoredObject = z.infer<typeof ObjectSchema>;

const PUBLIC_ACCESS_FLAGS = [
  "BlockPublicAcls",
  "IgnorePublicAcls",
  "BlockPublicPolicy",
  "RestrictPublicBuckets",
] as const;

const OBJECT_OWNERSHIPS = ["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"] as const;
type ObjectOwnership = (typeof OBJECT_OWNERSHIPS)[number];
/** The ACL headers S3 reads on CreateBucket and PutObject. */
const GRANT_HEADERS = [
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
function canonicalUserId(accountId: string): string {
  return createHash("sha256").update(`sandbox-canonical-${accountId}`).digest("hex");
}

const iso = (ms: number) => new Date(ms).toISOString();

function xmlAnswer(body: string, status = 200, headers: Record<string, string> = {}): RestResponse {
  return { status, headers: { "content-type": "application/xml", ...headers }, body };
}
const noContent = (): RestResponse => ({ status: 204 });
/** What a bucket is encrypted with until told otherwise, and again after DeleteBucketEncryption. */
const defaultEncryption = (): Bucket["encryption"] => ({ algorithm: "AES256", bucketKeyEnabled: false });

function noSuchBucket(bucket: string): AwsError {
  return new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: bucket });
}

/** S3 percent-encodes keys in listings when asked (`encoding-type=url`), keeping `/` readable. */
function urlEncodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, "/");
}

function readBoolean(value: unknown): boolean | undefined {
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function createS3Service(_options: Record<string, unknown> = {}): RestService & StatefulService {
  let buckets: Record<string, Bucket> = {};

  /** The bucket, checked for ownership and (when `sameRegion`) for the signing region. */
  const ownBucket = (name: string, ctx: CallContext, sameRegion = true): Bucket => {
    const bucket = buckets[name];
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
  };

  // ---- service level ----

  const listBuckets = (req: RestRequest, ctx: CallContext): RestResponse => {
    const maxText = req.query.get("max-buckets");
    let max = 10000;
    if (maxText !== null) {
      max = Number(maxText);
      if (!/^\d+$/.test(maxText) || max < 1 || max > 10000) {
        throw new AwsError(
          "InvalidArgument",
          "Argument max-buckets must be an integer between 1 and 10000.",
          400,
          {
            ArgumentName: "max-buckets",
            ArgumentValue: maxText,
          },
        );
      }
    }
    const prefix = req.query.get("prefix") ?? undefined;
    const region = req.query.get("bucket-region") ?? undefined;
    const token = req.query.get("continuation-token") ?? undefined;
    let after = "";
    if (token !== undefined) {
      const position = decodeToken(token);
      if (!isObject(position) || typeof position.after !== "string") {
        throw new AwsError("InvalidArgument", "The continuation token provided is incorrect", 400, {
          ArgumentName: "continuation-token",
        });
      }
      after = position.after;
    }
    const mine = Object.values(buckets)
      .filter((b) => b.owner === ctx.accountId)
      .filter((b) => prefix === undefined || b.name.startsWith(prefix))
      .filter((b) => region === undefined || b.region === region)
      .filter((b) => b.name > after)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const page = mine.slice(0, max);
    const last = page[page.length - 1];
    const next = mine.length > max && last ? encodeToken({ after: last.name }) : undefined;
    const items = page
      .map((b) =>
        raw(
          "Bucket",
          el("Name", b.name) + el("CreationDate", iso(b.creationDate)) + el("BucketRegion", b.region),
        ),
      )
      .join("");
    return xmlAnswer(
      xmlDocument(
        `<ListAllMyBucketsResult xmlns="${S3_XMLNS}">${raw("Owner", el("ID", canonicalUserId(ctx.accountId)))}${raw(
          "Buckets",
          items,
        )}${el("ContinuationToken", next)}${el("Prefix", prefix)}</ListAllMyBucketsResult>`,
      ),
    );
  };

  // ---- bucket level ----

  const createBucket = (name: string, req: RestRequest, ctx: CallContext): RestResponse => {
    const problem = bucketNameProblem(name);
    if (problem)
      throw new AwsError("InvalidBucketName", "The specified bucket is not valid.", 400, {
        BucketName: name,
      });
    let constraint: string | undefined;
    if (req.body.length > 0) {
      const config = parseXmlBody(req.body, "CreateBucketConfiguration");
      const value = config.LocationConstraint;
      if (value !== undefined && typeof value !== "string") throw malformedXml();
      constraint = value === "" ? undefined : value;
    }
    if (ctx.region === "us-east-1") {
      if (constraint === "us-east-1") {
        throw new AwsError(
          "InvalidLocationConstraint",
          "The specified location-constraint is not valid",
          400,
          {
            LocationConstraint: constraint,
          },
        );
      }
      if (constraint !== undefined) {
        throw new AwsError(
          "IllegalLocationConstraintException",
          `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        );
      }
    } else {
      const normalized = constraint === "EU" ? "eu-west-1" : constraint;
      if (normalized !== ctx.region) {
        throw new AwsError(
          "IllegalLocationConstraintException",
          `The ${constraint ?? "unspecified"} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        );
      }
    }
    // Since April 2023 a new bucket has Object Ownership BucketOwnerEnforced (ACLs disabled) unless the
    // request says otherwise; an ACL with it is refused (S3 user guide, "Object Ownership"; rules doc §3).
    const ownershipHeader = req.headers["x-amz-object-ownership"];
    if (
      ownershipHeader !== undefined &&
      !(OBJECT_OWNERSHIPS as readonly string[]).includes(ownershipHeader)
    ) {
      throw new AwsError("InvalidArgument", "Invalid x-amz-object-ownership header", 400, {
        ArgumentName: "x-amz-object-ownership",
        ArgumentValue: ownershipHeader,
      });
    }
    const objectOwnership = (ownershipHeader ?? "BucketOwnerEnforced") as ObjectOwnership;
    const acl = req.headers["x-amz-acl"];
    const grants = GRANT_HEADERS.some((h) => req.headers[h] !== undefined);
    if (objectOwnership === "BucketOwnerEnforced" && ((acl !== undefined && acl !== "private") || grants)) {
      throw new AwsError(
        "InvalidBucketAclWithObjectOwnership",
        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
      );
    }
    const existing = buckets[name];
    if (existing) {
      if (existing.owner !== ctx.accountId) {
        throw new AwsError(
          "BucketAlreadyExists",
          "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.",
          409,
          { BucketName: name },
        );
      }
      // AWS keeps a legacy quirk: re-creating your own bucket in us-east-1 answers 200 OK.
      if (!(existing.region === "us-east-1" && ctx.region === "us-east-1")) {
        throw new AwsError(
          "BucketAlreadyOwnedByYou",
          "Your previous request to create the named bucket succeeded and you already own it.",
          409,
          { BucketName: name },
        );
      }
    } else {
      buckets[name] = {
        name,
        region: ctx.region,
        owner: ctx.accountId,
        creationDate: ctx.now(),
        // Since January 2023 AWS encrypts new buckets with SSE-S3 and blocks public access by default.
        encryption: defaultEncryption(),
        publicAccessBlock: Object.fromEntries(PUBLIC_ACCESS_FLAGS.map((f) => [f, true])),
        objectOwnership,
        ...(acl !== undefined && acl !== "private" ? { acl } : {}),
        objects: {},
      };
      ctx.changed();
    }
    return {
      status: 200,
      headers: {
        location: ctx.region === "us-east-1" ? `/${name}` : `http://${name}.s3.amazonaws.com/`,
      },
    };
  };

  const putPolicy = (bucket: Bucket, req: RestRequest, ctx: CallContext): RestResponse => {
    const text = req.body.toString("utf8");
    if (req.body.length > MAX_POLICY_BYTES) {
      throw new AwsError("PolicyTooLarge", "Policy exceeds the maximum allowed document size.");
    }
    if (!text.trimStart().startsWith("{")) {
      throw new AwsError("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AwsError("MalformedPolicy", "This policy contains invalid Json");
    }
    if (!isObject(parsed) || parsed.Statement === undefined) {
      throw new AwsError("MalformedPolicy", "Missing required field Statement");
    }
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    for (const statement of statements) {
      if (!isObject(statement)) throw new AwsError("MalformedPolicy", "Policy statement must be an object");
      if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
        throw new AwsError("MalformedPolicy", `Invalid effect: ${String(statement.Effect ?? "")}`);
      }
      if (statement.Resource === undefined && statement.NotResource === undefined) {
        throw new AwsError("MalformedPolicy", "Policy has no resource");
      }
      const resources = ([] as unknown[]).concat(statement.Resource ?? statement.NotResource);
      for (const resource of resources) {
        if (typeof resource !== "string" || !resource.startsWith(`arn:aws:s3:::${bucket.name}`)) {
          throw new AwsError("MalformedPolicy", "Policy has invalid resource");
        }
      }
    }
    bucket.policy = text;
    ctx.changed();
    return noContent();
  };

  const putEncryption = (bucket: Bucket, req: RestRequest, ctx: CallContext): RestResponse => {
    const config = parseXmlBody(req.body, "ServerSideEncryptionConfiguration");
    const rules = config.Rule;
    const rule = Array.isArray(rules) ? rules[0] : undefined;
    if (!isObject(rule) || !isObject(rule.ApplyServerSideEncryptionByDefault)) throw malformedXml();
    const defaults = rule.ApplyServerSideEncryptionByDefault;
    const algorithm = defaults.SSEAlgorithm;
    if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse")
      throw malformedXml();
    const kmsKeyId = typeof defaults.KMSMasterKeyID === "string" ? defaults.KMSMasterKeyID : undefined;
    if (kmsKeyId !== undefined && algorithm === "AES256") {
      throw new AwsError(
        "InvalidArgument",
        "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse",
      );
    }
    bucket.encryption = {
      algorithm,
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      bucketKeyEnabled: readBoolean(rule.BucketKeyEnabled) ?? false,
    };
    ctx.changed();
    return { status: 200 };
  };

  const getEncryption = (bucket: Bucket): RestResponse => {
    const e = bucket.encryption;
    const defaults = raw(
      "ApplyServerSideEncryptionByDefault",
      el("SSEAlgorithm", e.algorithm) + el("KMSMasterKeyID", e.kmsKeyId),
    );
    return xmlAnswer(
      xmlDocument(
        `<ServerSideEncryptionConfiguration xmlns="${S3_XMLNS}">${raw("Rule", defaults + el("BucketKeyEnabled", e.bucketKeyEnabled))}</ServerSideEncryptionConfiguration>`,
      ),
    );
  };

  const putPublicAccessBlock = (bucket: Bucket, req: RestRequest, ctx: CallContext): RestResponse => {
    const config = parseXmlBody(req.body, "PublicAccessBlockConfiguration");
    const flags: Record<string, boolean> = {};
    for (const flag of PUBLIC_ACCESS_FLAGS) {
      const value = config[flag];
      if (value === undefined) {
        flags[flag] = false;
        continue;
      }
      const parsed = readBoolean(value);
      if (parsed === undefined) throw malformedXml();
      flags[flag] = parsed;
    }
    bucket.publicAccessBlock = flags;
    ctx.changed();
    return { status: 200 };
  };

  const getPublicAccessBlock = (bucket: Bucket): RestResponse => {
    const flags = bucket.publicAccessBlock;
    if (!flags) {
      throw new AwsError(
        "NoSuchPublicAccessBlockConfiguration",
        "The public access block configuration was not found",
        404,
        { BucketName: bucket.name },
      );
    }
    return xmlAnswer(
      xmlDocument(
        `<PublicAccessBlockConfiguration xmlns="${S3_XMLNS}">${PUBLIC_ACCESS_FLAGS.map((f) => el(f, flags[f] ?? false)).join("")}</PublicAccessBlockConfiguration>`,
      ),
    );
  };

  const putLifecycle = (bucket: Bucket, req: RestRequest, ctx: CallContext): RestResponse => {
    const config = parseXmlBody(req.body, "LifecycleConfiguration");
    const rules = config.Rule;
    if (!Array.isArray(rules) || rules.length === 0) throw malformedXml();
    if (rules.length > 1000) {
      throw new AwsError(
        "InvalidRequest",
        "The number of lifecycle rules must not exceed the allowed limit of 1000 rules",
      );
    }
    const ids = new Set<string>();
    for (const rule of rules) {
      if (!isObject(rule)) throw malformedXml();
      if (rule.Status !== "Enabled" && rule.Status !== "Disabled") throw malformedXml();
      if (typeof rule.ID === "string") {
        if (rule.ID.length > 255)
          throw new AwsError("InvalidArgument", "ID length should not exceed allowed limit of 255");
        if (ids.has(rule.ID))
          throw new AwsError(
            "InvalidArgument",
            "Rule ID must be unique. Found same ID for more than one rule",
          );
        ids.add(rule.ID);
      }
      const actions = [
        "Expiration",
        "Transition",
        "NoncurrentVersionExpiration",
        "NoncurrentVersionTransition",
        "AbortIncompleteMultipartUpload",
      ];
      if (!actions.some((a) => rule[a] !== undefined)) {
        throw new AwsError("InvalidRequest", "At least one action needs to be specified in a rule");
      }
      const expiration = rule.Expiration;
      if (isObject(expiration) && expiration.Days !== undefined) {
        const days = Number(expiration.Days);
        if (!Number.isInteger(days) || days <= 0) {
          throw new AwsError("InvalidArgument", "'Days' for Expiration action must be a positive integer");
        }
      }
    }
    bucket.lifecycleRules = rules as Record<string, unknown>[];
    ctx.changed();
    return {
      status: 200,
      headers: { "x-amz-transition-default-minimum-object-size": "all_storage_classes_128K" },
    };
  };

  const getLifecycle = (bucket: Bucket): RestResponse => {
    if (!bucket.lifecycleRules) {
      throw new AwsError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", 404, {
        BucketName: bucket.name,
      });
    }
    return xmlAnswer(buildXml("LifecycleConfiguration", { Rule: bucket.lifecycleRules }), 200, {
      "x-amz-transition-default-minimum-object-size": "all_storage_classes_128K",
    });
  };

  const putTagging = (bucket: Bucket, req: RestRequest, ctx: CallContext): RestResponse => {
    const config = parseXmlBody(req.body, "Tagging");
    const tagSet = config.TagSet;
    const tags: Record<string, string> = {};
    const list = isObject(tagSet) && Array.isArray(tagSet.Tag) ? tagSet.Tag : tagSet === "" ? [] : undefined;
    if (!list) throw malformedXml();
    if (list.length > MAX_TAGS) throw new AwsError("BadRequest", "Object tags cannot be greater than 50");
    for (const tag of list) {
      if (!isObject(tag) || typeof tag.Key !== "string") throw malformedXml();
      const value = typeof tag.Value === "string" ? tag.Value : "";
      if (tag.Key.length < 1 || tag.Key.length > 128)
        throw new AwsError("InvalidTag", "The TagKey you have provided is invalid");
      if (value.length > 256) throw new AwsError("InvalidTag", "The TagValue you have provided is invalid");
      if (tag.Key.startsWith("aws:")) {
        throw new AwsError("InvalidTag", "System tags cannot be added/updated by requester");
      }
      if (tag.Key in tags) throw new AwsError("InvalidTag", "Cannot provide multiple Tags with the same key");
      tags[tag.Key] = value;
    }
    bucket.tags = tags;
    ctx.changed();
    return noContent();
  };

  const getTagging = (bucket: Bucket): RestResponse => {
    if (!bucket.tags)
      throw new AwsError("NoSuchTagSet", "The TagSet does not exist", 404, { BucketName: bucket.name });
    const tags = Object.entries(bucket.tags)
      .map(([k, v]) => raw("Tag", el("Key", k) + el("Value", v)))
      .join("");
    return xmlAnswer(xmlDocument(`<Tagging xmlns="${S3_XMLNS}">${raw("TagSet", tags)}</Tagging>`));
  };

  const listObjects = (bucket: Bucket, req: RestRequest, v2: boolean): RestResponse => {
    const q = req.query;
    const prefix = q.get("prefix") ?? "";
    const delimiter = q.get("delimiter") ?? undefined;
    const maxText = q.get("max-keys");
    let maxKeys = 1000;
    if (maxText !== null) {
      if (!/^\d+$/.test(maxText)) {
        throw new AwsError(
          "InvalidArgument",
          "Provided max-keys not an integer or within integer range",
          400,
          {
            ArgumentName: "max-keys",
            ArgumentValue: maxText,
          },
        );
      }
      maxKeys = Math.min(1000, Number(maxText));
    }
    const encodingType = q.get("encoding-type") ?? undefined;
    if (encodingType !== undefined && encodingType !== "url") {
      throw new AwsError("InvalidArgument", "Invalid Encoding Method specified in Request", 400, {
        ArgumentName: "encoding-type",
        ArgumentValue: encodingType,
      });
    }
    const encode = (s: string) => (encodingType === "url" ? urlEncodeKey(s) : s);
    const token = v2 ? (q.get("continuation-token") ?? undefined) : undefined;
    let after = v2 ? (q.get("start-after") ?? "") : (q.get("marker") ?? "");
    if (token !== undefined) {
      const position = decodeToken(token);
      if (!isObject(position) || typeof position.after !== "string") {
        throw new AwsError("InvalidArgument", "The continuation token provided is incorrect", 400, {
          ArgumentName: "continuation-token",
        });
      }
      after = position.after;
    }
    const keys = Object.keys(bucket.objects)
      .filter((k) => k.startsWith(prefix) && k > after)
      .sort();
    // Group keys under a common prefix when a delimiter follows the prefix, as S3 does.
    const entries: { key: string; commonPrefix: boolean }[] = [];
    for (const key of keys) {
      if (delimiter) {
        const at = key.indexOf(delimiter, prefix.length);
        if (at >= 0) {
          const common = key.slice(0, at + delimiter.length);
          if (entries[entries.length - 1]?.key !== common) entries.push({ key: common, commonPrefix: true });
          continue;
        }
      }
      entries.push({ key, commonPrefix: false });
    }
    const page = entries.slice(0, maxKeys);
    const truncated = entries.length > maxKeys;
    const lastEntry = page[page.length - 1];
    // Resume after the last key of the page; for a common prefix, after every key under it.
    const resumeAfter = lastEntry
      ? lastEntry.commonPrefix
        ? `${lastEntry.key}\u{10FFFF}`
        : lastEntry.key
      : "";
    const contents = page
      .filter((e) => !e.commonPrefix)
      .map((e) => {
        const o = bucket.objects[e.key] as StoredObject;
        // A listing names the checksum an object was stored with (S3 keeps one per object; the SDKs
        // send CRC32 or CRC64NVME by default), as AWS lists it since the 2024 checksum defaults.
        const algorithm = Object.keys(o.checksums)[0];
        return raw(
          "Contents",
          el("Key", encode(e.key)) +
            el("LastModified", iso(o.lastModified)) +
            el("ETag", o.etag) +
            (algorithm
              ? el("ChecksumAlgorithm", algorithm.toUpperCase()) + el("ChecksumType", "FULL_OBJECT")
              : "") +
            el("Size", o.size) +
            el("StorageClass", "STANDARD"),
        );
      })
      .join("");
    const prefixes = page
      .filter((e) => e.commonPrefix)
      .map((e) => raw("CommonPrefixes", el("Prefix", encode(e.key))))
      .join("");
    const head =
      el("Name", bucket.name) +
      el("Prefix", encode(prefix)) +
      (v2 ? el("KeyCount", page.length) : el("Marker", q.get("marker") ?? "")) +
      el("MaxKeys", maxKeys) +
      el("Delimiter", delimiter) +
      el("EncodingType", encodingType) +
      el("IsTruncated", truncated);
    const tail = v2
      ? el("ContinuationToken", token) +
        el("NextContinuationToken", truncated ? encodeToken({ after: resumeAfter }) : undefined) +
        el("StartAfter", q.get("start-after") ?? undefined)
      : el("NextMarker", truncated && delimiter ? lastEntry?.key : undefined);
    return xmlAnswer(
      xmlDocument(
        `<ListBucketResult xmlns="${S3_XMLNS}">${head}${contents}${prefixes}${tail}</ListBucketResult>`,
      ),
    );
  };

  const getPolicy = (bucket: Bucket): RestResponse => {
    if (bucket.policy === undefined) {
      throw new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404, {
        BucketName: bucket.name,
      });
    }
    return { status: 200, headers: { "content-type": "application/json" }, body: bucket.policy };
  };

  const getOwnershipControls = (bucket: Bucket): RestResponse => {
    if (!bucket.objectOwnership) {
      throw new AwsError(
        "OwnershipControlsNotFoundError",
        "The bucket ownership controls were not found",
        404,
        { BucketName: bucket.name },
      );
    }
    return xmlAnswer(
      xmlDocument(
        `<OwnershipControls xmlns="${S3_XMLNS}">${raw("Rule", el("ObjectOwnership", bucket.objectOwnership))}</OwnershipControls>`,
      ),
    );
  };

  const putOwnershipControls = (bucket: Bucket, req: RestRequest, ctx: CallContext): RestResponse => {
    const config = parseXmlBody(req.body, "OwnershipControls");
    const rules = Array.isArray(config.Rule) ? config.Rule : [config.Rule];
    const rule = rules[0];
    if (rules.length !== 1 || !isObject(rule)) throw malformedXml();
    const value = rule.ObjectOwnership;
    if (typeof value !== "string" || !(OBJECT_OWNERSHIPS as readonly string[]).includes(value))
      throw malformedXml();
    bucket.objectOwnership = value as ObjectOwnership;
    if (value === "BucketOwnerEnforced") delete bucket.acl;
    ctx.changed();
    return { status: 200 };
  };

  /** The bucket's `?<subresource>` configurations, which S3 reads, replaces and deletes alike. */
  const bucketSubresources: Record<
    string,
    {
      get: (bucket: Bucket) => RestResponse;
      put: (bucket: Bucket, req: RestRequest, ctx: CallContext) => RestResponse;
      reset: (bucket: Bucket) => void;
    }
  > = {
    policy: { get: getPolicy, put: putPolicy, reset: (bucket) => delete bucket.policy },
    encryption: {
      get: getEncryption,
      put: putEncryption,
      reset: (bucket) => {
        bucket.encryption = defaultEncryption();
      },
    },
    publicAccessBlock: {
      get: getPublicAccessBlock,
      put: putPublicAccessBlock,
      reset: (bucket) => delete bucket.publicAccessBlock,
    },
    lifecycle: { get: getLifecycle, put: putLifecycle, reset: (bucket) => delete bucket.lifecycleRules },
    tagging: { get: getTagging, put: putTagging, reset: (bucket) => delete bucket.tags },
    ownershipControls: {
      get: getOwnershipControls,
      put: putOwnershipControls,
      reset: (bucket) => delete bucket.objectOwnership,
    },
  };

  const handleBucket = (name: string, req: RestRequest, ctx: CallContext): RestResponse => {
    const q = req.query;
    const method = req.method.toUpperCase();
    if (method === "PUT" && [...q.keys()].length === 0) return createBucket(name, req, ctx);
    if (method === "HEAD") {
      const bucket = buckets[name];
      if (!bucket) return { status: 404 };
      if (bucket.owner !== ctx.accountId) return { status: 403 };
      return {
        status: 200,
        headers: { "x-amz-bucket-region": bucket.region, "x-amz-access-point-alias": "false" },
      };
    }
    if (method === "GET" && q.has("location")) {
      const bucket = ownBucket(name, ctx, false);
      const location = bucket.region === "us-east-1" ? "" : bucket.region;
      return xmlAnswer(
        xmlDocument(
          location === ""
            ? `<LocationConstraint xmlns="${S3_XMLNS}"/>`
            : `<LocationConstraint xmlns="${S3_XMLNS}">${location}</LocationConstraint>`,
        ),
      );
    }
    const bucket = ownBucket(name, ctx);
    for (const [subresource, handlers] of Object.entries(bucketSubresources)) {
      if (!q.has(subresource)) continue;
      if (method === "GET") return handlers.get(bucket);
      if (method === "PUT") return handlers.put(bucket, req, ctx);
      if (method === "DELETE") {
        handlers.reset(bucket);
        ctx.changed();
        return noContent();
      }
    }
    if (method === "GET" && q.get("list-type") === "2") return listObjects(bucket, req, true);
    const subresources = [...q.keys()].filter(
      (k) => !["prefix", "delimiter", "marker", "max-keys", "encoding-type"].includes(k),
    );
    if (method === "GET" && subresources.length === 0) return listObjects(bucket, req, false);
    if (method === "DELETE" && subresources.length === 0) {
      if (Object.keys(bucket.objects).length > 0) {
        throw new AwsError("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, {
          BucketName: name,
        });
      }
      delete buckets[name];
      ctx.changed();
      return noContent();
    }
    throw new AwsError(
      "NotImplemented",
      `The sandbox does not serve ${method} on a bucket with ?${[...q.keys()].join("&")}. Served: location, policy, encryption, publicAccessBlock, lifecycle, tagging, ownershipControls, list-type=2.`,
      501,
    );
  };

  // ---- object level ----

  const verifyChecksums = (req: RestRequest, body: Buffer): Record<string, string> => {
    const checksums: Record<string, string> = {};
    const md5 = req.headers["content-md5"];
    if (md5 !== undefined) {
      if (!/^[A-Za-z0-9+/]{22}==$/.test(md5))
        throw new AwsError("InvalidDigest", "The Content-MD5 you specified was invalid.");
      if (createHash("md5").update(body).digest("base64") !== md5) {
        throw new AwsError("BadDigest", "The Content-MD5 you specified did not match what we received.");
      }
    }
    const computed: Record<string, () => string> = {
      crc32: () => {
        const b = Buffer.alloc(4);
        b.writeUInt32BE(crc32(body) >>> 0);
        return b.toString("base64");
      },
      sha1: () => createHash("sha1").update(body).digest("base64"),
      sha256: () => createHash("sha256").update(body).digest("base64"),
    };
    for (const algorithm of ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"]) {
      const sent = req.headers[`x-amz-checksum-${algorithm}`];
      if (sent === undefined) continue;
      const compute = computed[algorithm];
      // CRC32C and CRC64NVME are accepted as sent: Node has no built-in for them.
      if (compute && compute() !== sent) {
        throw new AwsError(
          "BadDigest",
          `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
        );
      }
      checksums[algorithm] = sent;
    }
    return checksums;
  };

  /**
   * How an object was encrypted, as S3 says on PutObject/GetObject/HeadObject: the algorithm, and for
   * SSE-KMS the key (AWS names the AWS-managed `aws/s3` key by its ARN; ours says `alias/aws/s3`) and
   * whether a bucket key was used.
   */
  const encryptionHeaders = (bucket: Bucket): Record<string, string> => {
    const e = bucket.encryption;
    if (e.algorithm === "AES256") return { "x-amz-server-side-encryption": "AES256" };
    return {
      "x-amz-server-side-encryption": e.algorithm,
      "x-amz-server-side-encryption-aws-kms-key-id":
        e.kmsKeyId ?? `arn:aws:kms:${bucket.region}:${bucket.owner}:alias/aws/s3`,
      ...(e.bucketKeyEnabled ? { "x-amz-server-side-encryption-bucket-key-enabled": "true" } : {}),
    };
  };

  const objectHeaders = (bucket: Bucket, o: StoredObject): Record<string, string> => ({
    "content-type": o.contentType,
    etag: o.etag,
    "last-modified": new Date(o.lastModified).toUTCString(),
    "accept-ranges": "bytes",
    ...encryptionHeaders(bucket),
    ...Object.fromEntries(Object.entries(o.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
  });

  const handleObject = (
    bucketName: string,
    key: string,
    req: RestRequest,
    ctx: CallContext,
  ): RestResponse => {
    const method = req.method.toUpperCase();
    if (key.length > 1024) throw new AwsError("KeyTooLongError", "Your key is too long", 400);
    if (method === "HEAD") {
      const bucket = buckets[bucketName];
      if (!bucket) return { status: 404 };
      if (bucket.owner !== ctx.accountId) return { status: 403 };
      if (bucket.region !== ctx.region)
        return { status: 301, headers: { "x-amz-bucket-region": bucket.region } };
      const o = bucket.objects[key];
      if (!o) return { status: 404 };
      return { status: 200, headers: { ...objectHeaders(bucket, o), "content-length": String(o.size) } };
    }
    const bucket = ownBucket(bucketName, ctx);
    if (method === "PUT") {
      if (req.query.has("tagging") || req.query.has("acl")) {
        throw new AwsError("NotImplemented", "The sandbox does not serve object tagging or ACLs.", 501);
      }
      if (req.headers["x-amz-copy-source"] !== undefined) {
        throw new AwsError("NotImplemented", "The sandbox does not serve CopyObject.", 501);
      }
      // With ACLs disabled only the bucket-owner-full-control ACL (what log delivery sends) and the
      // default private one are accepted (S3 user guide, "Disabling ACLs for all new buckets").
      const objectAcl = req.headers["x-amz-acl"];
      if (
        bucket.objectOwnership === "BucketOwnerEnforced" &&
        objectAcl !== undefined &&
        objectAcl !== "bucket-owner-full-control" &&
        objectAcl !== "private"
      ) {
        throw new AwsError("AccessControlListNotSupported", "The bucket does not allow ACLs");
      }
      let body = req.body;
      // The core decodes aws-chunked bodies; a direct caller may still hand us one.
      if (/aws-chunked/.test(req.headers["content-encoding"] ?? "")) {
        const decoded = decodeAwsChunked(body);
        if (!decoded)
          throw new AwsError("IncompleteBody", "The request body's aws-chunked framing is malformed.");
        body = decoded;
      }
      const declared = req.headers["x-amz-decoded-content-length"];
      if (declared !== undefined && Number(declared) !== body.length) {
        throw new AwsError(
          "IncompleteBody",
          "You did not provide the number of bytes specified by the Content-Length HTTP header",
        );
      }
      if (req.headers["if-none-match"] === "*" && bucket.objects[key]) {
        throw new AwsError(
          "PreconditionFailed",
          "At least one of the pre-conditions you specified did not hold",
          412,
          {
            Condition: "If-None-Match",
          },
        );
      }
      const checksums = verifyChecksums(req, body);
      const metadata: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && name.toLowerCase().startsWith("x-amz-meta-")) {
          metadata[name.toLowerCase().slice("x-amz-meta-".length)] = value;
        }
      }
      const etag = `"${createHash("md5").update(body).digest("hex")}"`;
      bucket.objects[key] = {
        body: body.toString("base64"),
        contentType: req.headers["content-type"] ?? "binary/octet-stream",
        etag,
        lastModified: ctx.now(),
        size: body.length,
        metadata,
        checksums,
      };
      ctx.changed();
      return {
        status: 200,
        headers: {
          etag,
          ...encryptionHeaders(bucket),
          ...Object.fromEntries(Object.entries(checksums).map(([a, v]) => [`x-amz-checksum-${a}`, v])),
        },
      };
    }
    if (method === "GET") {
      const o = bucket.objects[key];
      if (!o) throw new AwsError("NoSuchKey", "The specified key does not exist.", 404, { Key: key });
      const body = Buffer.from(o.body, "base64");
      const range = req.headers.range;
      const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
      if (m && (m[1] || m[2])) {
        let start = m[1] ? Number(m[1]) : Math.max(0, body.length - Number(m[2]));
        let end = m[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
        if (!m[1]) end = body.length - 1;
        if (start >= body.length) {
          throw new AwsError("InvalidRange", "The requested range is not satisfiable", 416, {
            RangeRequested: range ?? "",
            ActualObjectSize: String(body.length),
          });
        }
        start = Math.max(0, start);
        end = Math.max(start, end);
        return {
          status: 206,
          headers: { ...objectHeaders(bucket, o), "content-range": `bytes ${start}-${end}/${body.length}` },
          body: body.subarray(start, end + 1),
        };
      }
      return { status: 200, headers: objectHeaders(bucket, o), body };
    }
    if (method === "DELETE") {
      if (bucket.objects[key]) {
        delete bucket.objects[key];
        ctx.changed();
      }
      return noContent();
    }
    throw new AwsError(
      "MethodNotAllowed",
      "The specified method is not allowed against this resource.",
      405,
      {
        Method: method,
        ResourceType: "OBJECT",
      },
    );
  };

  return {
    signingName: "s3",
    handle(req, ctx) {
      const path = req.path.startsWith("/") ? req.path.slice(1) : req.path;
      if (path === "") {
        if (req.method.toUpperCase() === "GET") return listBuckets(req, ctx);
        throw new AwsError(
          "MethodNotAllowed",
          "The specified method is not allowed against this resource.",
          405,
          {
            Method: req.method,
            ResourceType: "SERVICE",
          },
        );
      }
      const slash = path.indexOf("/");
      const bucket = slash < 0 ? path : path.slice(0, slash);
      const key = slash < 0 ? "" : path.slice(slash + 1);
      if (key === "") return handleBucket(bucket, req, ctx);
      return handleObject(bucket, key, req, ctx);
    },
    snapshot() {
      return { version: 1, buckets };
    },
    restore(snapshot) {
      const parsed = S3SnapshotSchema.safeParse(snapshot);
      if (!parsed.success)
        throw new Error(`s3: the saved state is not an s3 snapshot (version 1): ${parsed.error.message}`);
      buckets = parsed.data.buckets;
    },
  };
}
