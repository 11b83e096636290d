/**
 * Bucket operations: ListBuckets, CreateBucket, HeadBucket, GetBucketLocation, DeleteBucket. Bucket
 * names are global; each bucket lives in one region and belongs to one account.
 */
import { malformedXml, parseXmlBody } from "../../core/protocols/rest-xml.ts";
import { AwsError, type CallContext, type RestAnswer, type RestRequest } from "../../core/types.ts";
import { encodeToken } from "../shared/paging.ts";
import {
  bucketNameProblem,
  canonicalUserId,
  continuationAfter,
  defaultEncryption,
  GRANT_HEADERS,
  OBJECT_OWNERSHIPS,
  type ObjectOwnership,
  ownBucket,
  PUBLIC_ACCESS_FLAGS,
  S3_REPEATED,
  type S3State,
} from "./model.ts";

export function listBuckets(state: S3State, req: RestRequest, ctx: CallContext): RestAnswer {
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
  const after = token === undefined ? "" : continuationAfter(token);
  const mine = Object.values(state.buckets)
    .filter((b) => b.owner === ctx.accountId)
    .filter((b) => prefix === undefined || b.name.startsWith(prefix))
    .filter((b) => region === undefined || b.region === region)
    .filter((b) => b.name > after)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const page = mine.slice(0, max);
  const last = page[page.length - 1];
  const next = mine.length > max && last ? encodeToken({ after: last.name }) : undefined;
  return {
    status: 200,
    document: {
      root: "ListAllMyBucketsResult",
      content: {
        Owner: { ID: canonicalUserId(ctx.accountId) },
        Buckets: {
          Bucket: page.map((b) => ({
            Name: b.name,
            CreationDate: new Date(b.creationDate),
            BucketRegion: b.region,
          })),
        },
        ContinuationToken: next,
        Prefix: prefix,
      },
    },
  };
}

export function createBucket(state: S3State, name: string, req: RestRequest, ctx: CallContext): RestAnswer {
  const problem = bucketNameProblem(name);
  if (problem)
    throw new AwsError("InvalidBucketName", "The specified bucket is not valid.", 400, {
      BucketName: name,
    });
  let constraint: string | undefined;
  if (req.body.length > 0) {
    const config = parseXmlBody(req, "CreateBucketConfiguration", S3_REPEATED);
    const value = config.LocationConstraint;
    if (value !== undefined && typeof value !== "string") throw malformedXml();
    constraint = value === "" ? undefined : value;
  }
  if (ctx.region === "us-east-1") {
    if (constraint === "us-east-1") {
      throw new AwsError("InvalidLocationConstraint", "The specified location-constraint is not valid", 400, {
        LocationConstraint: constraint,
      });
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
  if (ownershipHeader !== undefined && !(OBJECT_OWNERSHIPS as readonly string[]).includes(ownershipHeader)) {
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
  const existing = state.buckets[name];
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
    state.buckets[name] = {
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
}

/** HeadBucket answers from any region, with status only (a HEAD answer has no body to carry an error). */
export function headBucket(state: S3State, name: string, ctx: CallContext): RestAnswer {
  const bucket = state.buckets[name];
  if (!bucket) return { status: 404 };
  if (bucket.owner !== ctx.accountId) return { status: 403 };
  return {
    status: 200,
    headers: { "x-amz-bucket-region": bucket.region, "x-amz-access-point-alias": "false" },
  };
}

/** GetBucketLocation answers from any region; us-east-1 is the empty constraint. */
export function getBucketLocation(state: S3State, name: string, ctx: CallContext): RestAnswer {
  const bucket = ownBucket(state, name, ctx, false);
  return {
    status: 200,
    document: { root: "LocationConstraint", content: bucket.region === "us-east-1" ? null : bucket.region },
  };
}

export function deleteBucket(state: S3State, name: string, ctx: CallContext): RestAnswer {
  const bucket = ownBucket(state, name, ctx);
  if (Object.keys(bucket.objects).length > 0) {
    throw new AwsError("BucketNotEmpty", "The bucket you tried to delete is not empty", 409, {
      BucketName: name,
    });
  }
  delete state.buckets[name];
  ctx.changed();
  return { status: 204 };
}
