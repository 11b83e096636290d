/**
 * A bucket's `?<subresource>` configurations, which S3 reads, replaces and deletes alike: policy,
 * encryption, publicAccessBlock, lifecycle, tagging, ownershipControls (Get/Put/DeleteBucket…).
 */
import { malformedXml, parseXmlBody } from "../../core/protocols/rest-xml.ts";
import type { XmlObject } from "../../core/protocols/xml.ts";
import { AwsError, type CallContext, type RestAnswer, type RestRequest } from "../../core/types.ts";
import { isObject } from "../shared/json.ts";
import {
  type Bucket,
  defaultEncryption,
  MAX_POLICY_BYTES,
  MAX_TAGS,
  OBJECT_OWNERSHIPS,
  type ObjectOwnership,
  PUBLIC_ACCESS_FLAGS,
  readBoolean,
  S3_REPEATED,
} from "./model.ts";

/** S3 sends this header with lifecycle answers since the 2024 default minimum object size for transitions. */
const LIFECYCLE_HEADERS = { "x-amz-transition-default-minimum-object-size": "all_storage_classes_128K" };

function putPolicy(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer {
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
  return { status: 204 };
}

function getPolicy(bucket: Bucket): RestAnswer {
  if (bucket.policy === undefined) {
    throw new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404, {
      BucketName: bucket.name,
    });
  }
  return { status: 200, headers: { "content-type": "application/json" }, body: bucket.policy };
}

function putEncryption(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer {
  const config = parseXmlBody(req, "ServerSideEncryptionConfiguration", S3_REPEATED);
  const rules = config.Rule;
  const rule = Array.isArray(rules) ? rules[0] : undefined;
  if (!isObject(rule) || !isObject(rule.ApplyServerSideEncryptionByDefault)) throw malformedXml();
  const defaults = rule.ApplyServerSideEncryptionByDefault;
  const algorithm = defaults.SSEAlgorithm;
  if (algorithm !== "AES256" && algorithm !== "aws:kms" && algorithm !== "aws:kms:dsse") throw malformedXml();
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
}

function getEncryption(bucket: Bucket): RestAnswer {
  const e = bucket.encryption;
  return {
    status: 200,
    document: {
      root: "ServerSideEncryptionConfiguration",
      content: {
        Rule: [
          {
            ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm, KMSMasterKeyID: e.kmsKeyId },
            BucketKeyEnabled: e.bucketKeyEnabled,
          },
        ],
      },
    },
  };
}

function putPublicAccessBlock(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer {
  const config = parseXmlBody(req, "PublicAccessBlockConfiguration", S3_REPEATED);
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
}

function getPublicAccessBlock(bucket: Bucket): RestAnswer {
  const flags = bucket.publicAccessBlock;
  if (!flags) {
    throw new AwsError(
      "NoSuchPublicAccessBlockConfiguration",
      "The public access block configuration was not found",
      404,
      { BucketName: bucket.name },
    );
  }
  return {
    status: 200,
    document: {
      root: "PublicAccessBlockConfiguration",
      content: Object.fromEntries(PUBLIC_ACCESS_FLAGS.map((f) => [f, flags[f] ?? false])),
    },
  };
}

function putLifecycle(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer {
  const config = parseXmlBody(req, "LifecycleConfiguration", S3_REPEATED);
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
        throw new AwsError("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule");
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
  // Stored as parsed (text values, repeated elements as arrays) and written back as received.
  bucket.lifecycleRules = rules as Record<string, unknown>[];
  ctx.changed();
  return { status: 200, headers: LIFECYCLE_HEADERS };
}

function getLifecycle(bucket: Bucket): RestAnswer {
  if (!bucket.lifecycleRules) {
    throw new AwsError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", 404, {
      BucketName: bucket.name,
    });
  }
  return {
    status: 200,
    headers: LIFECYCLE_HEADERS,
    // The stored rules are the parser's output (strings, objects and arrays only), written back as received.
    document: { root: "LifecycleConfiguration", content: { Rule: bucket.lifecycleRules as XmlObject[] } },
  };
}

function putTagging(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer {
  const config = parseXmlBody(req, "Tagging", S3_REPEATED);
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
  return { status: 204 };
}

function getTagging(bucket: Bucket): RestAnswer {
  if (!bucket.tags)
    throw new AwsError("NoSuchTagSet", "The TagSet does not exist", 404, { BucketName: bucket.name });
  return {
    status: 200,
    document: {
      root: "Tagging",
      content: { TagSet: { Tag: Object.entries(bucket.tags).map(([Key, Value]) => ({ Key, Value })) } },
    },
  };
}

function getOwnershipControls(bucket: Bucket): RestAnswer {
  if (!bucket.objectOwnership) {
    throw new AwsError(
      "OwnershipControlsNotFoundError",
      "The bucket ownership controls were not found",
      404,
      {
        BucketName: bucket.name,
      },
    );
  }
  return {
    status: 200,
    document: { root: "OwnershipControls", content: { Rule: [{ ObjectOwnership: bucket.objectOwnership }] } },
  };
}

function putOwnershipControls(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer {
  const config = parseXmlBody(req, "OwnershipControls", S3_REPEATED);
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
}

export interface Subresource {
  /** The operations' name part: `Policy` in Get/Put/DeleteBucketPolicy. */
  readonly name: string;
  get(bucket: Bucket): RestAnswer;
  put(bucket: Bucket, req: RestRequest, ctx: CallContext): RestAnswer;
  /** What DeleteBucket… leaves: no configuration, or the default one. */
  reset(bucket: Bucket): void;
}

/** By query parameter (`?policy`), in the order a request naming several is matched. */
export const BUCKET_SUBRESOURCES: Record<string, Subresource> = {
  policy: { name: "Policy", get: getPolicy, put: putPolicy, reset: (bucket) => delete bucket.policy },
  encryption: {
    name: "Encryption",
    get: getEncryption,
    put: putEncryption,
    reset: (bucket) => {
      bucket.encryption = defaultEncryption();
    },
  },
  publicAccessBlock: {
    name: "PublicAccessBlock",
    get: getPublicAccessBlock,
    put: putPublicAccessBlock,
    reset: (bucket) => delete bucket.publicAccessBlock,
  },
  lifecycle: {
    name: "Lifecycle",
    get: getLifecycle,
    put: putLifecycle,
    reset: (bucket) => delete bucket.lifecycleRules,
  },
  tagging: { name: "Tagging", get: getTagging, put: putTagging, reset: (bucket) => delete bucket.tags },
  ownershipControls: {
    name: "OwnershipControls",
    get: getOwnershipControls,
    put: putOwnershipControls,
    reset: (bucket) => delete bucket.objectOwnership,
  },
};
