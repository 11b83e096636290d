/**
 * S3 (REST-XML, path-style `/bucket/key`): the bucket and object operations a log console needs.
 * This file routes a request to its operation (`buckets.ts`, `configuration.ts`, `listing.ts`,
 * `objects.ts`) and holds the state; operations return plain data and the core writes the XML.
 * A request signed for another region than the bucket's gets S3's 301 PermanentRedirect (except
 * HeadBucket, GetBucketLocation and ListBuckets, which answer from anywhere, as clients use them to
 * find the region).
 */
import { encodeRestAnswer } from "../../core/protocols/rest-xml.ts";
import {
  AwsError,
  type CallContext,
  type RestAnswer,
  type RestRequest,
  type RestService,
  type StatefulService,
} from "../../core/types.ts";
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from "./buckets.ts";
import { BUCKET_SUBRESOURCES } from "./configuration.ts";
import { LIST_OBJECTS_PARAMETERS, listObjects } from "./listing.ts";
import { ownBucket, S3_XMLNS, S3SnapshotSchema, type S3State } from "./model.ts";
import { handleObject } from "./objects.ts";

/** AWS's name for the operation an S3 REST request calls (`/_sandbox/calls` counts by it). */
export function s3OperationName(method: string, path: string, query: URLSearchParams): string {
  const [bucket, ...keyParts] = path.split("/").filter((p, i) => i > 0 || p !== "");
  const key = keyParts.join("/");
  if (!bucket) return method === "GET" ? "ListBuckets" : `${method}Service`;
  if (!key) {
    const sub = [
      "policy",
      "location",
      "tagging",
      "acl",
      "versioning",
      "encryption",
      "lifecycle",
      "cors",
      "website",
      "notification",
      "ownershipControls",
      "publicAccessBlock",
      "delete",
    ].find((s) => query.has(s));
    const subName = sub ? sub.charAt(0).toUpperCase() + sub.slice(1) : "";
    if (sub === "delete" && method === "POST") return "DeleteObjects";
    if (method === "GET")
      return sub ? `GetBucket${subName}` : query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
    if (method === "PUT") return sub ? `PutBucket${subName}` : "CreateBucket";
    if (method === "DELETE") return sub ? `DeleteBucket${subName}` : "DeleteBucket";
    if (method === "HEAD") return "HeadBucket";
    return `${method}Bucket`;
  }
  if (method === "GET") return "GetObject";
  if (method === "PUT") return query.has("tagging") ? "PutObjectTagging" : "PutObject";
  if (method === "HEAD") return "HeadObject";
  if (method === "DELETE") return "DeleteObject";
  return `${method}Object`;
}

function handleBucket(state: S3State, name: string, req: RestRequest, ctx: CallContext): RestAnswer {
  const q = req.query;
  const method = req.method.toUpperCase();
  if (method === "PUT" && [...q.keys()].length === 0) return createBucket(state, name, req, ctx);
  if (method === "HEAD") return headBucket(state, name, ctx);
  if (method === "GET" && q.has("location")) return getBucketLocation(state, name, ctx);
  const bucket = ownBucket(state, name, ctx);
  for (const [subresource, handlers] of Object.entries(BUCKET_SUBRESOURCES)) {
    if (!q.has(subresource)) continue;
    if (method === "GET") return handlers.get(bucket);
    if (method === "PUT") return handlers.put(bucket, req, ctx);
    if (method === "DELETE") {
      handlers.reset(bucket);
      ctx.changed();
      return { status: 204 };
    }
  }
  if (method === "GET" && q.get("list-type") === "2") return listObjects(bucket, req, true);
  const subresources = [...q.keys()].filter((k) => !LIST_OBJECTS_PARAMETERS.includes(k));
  if (method === "GET" && subresources.length === 0) return listObjects(bucket, req, false);
  if (method === "DELETE" && subresources.length === 0) return deleteBucket(state, name, ctx);
  throw new AwsError(
    "NotImplemented",
    `The sandbox does not serve ${method} on a bucket with ?${[...q.keys()].join("&")}. Served: location, policy, encryption, publicAccessBlock, lifecycle, tagging, ownershipControls, list-type=2.`,
    501,
  );
}

export function createS3Service(_options: Record<string, unknown> = {}): RestService & StatefulService {
  const state: S3State = { buckets: {} };

  const serve = (req: RestRequest, ctx: CallContext): RestAnswer => {
    const path = req.path.startsWith("/") ? req.path.slice(1) : req.path;
    if (path === "") {
      if (req.method.toUpperCase() === "GET") return listBuckets(state, req, ctx);
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
    if (key === "") return handleBucket(state, bucket, req, ctx);
    return handleObject(state, bucket, key, req, ctx);
  };

  return {
    signingName: "s3",
    xmlns: S3_XMLNS,
    operationName: s3OperationName,
    serve,
    handle: (req, ctx) => encodeRestAnswer(serve(req, ctx), S3_XMLNS),
    snapshot() {
      return { version: 1, buckets: state.buckets };
    },
    restore(snapshot) {
      const parsed = S3SnapshotSchema.safeParse(snapshot);
      if (!parsed.success)
        throw new Error(`s3: the saved state is not an s3 snapshot (version 1): ${parsed.error.message}`);
      state.buckets = parsed.data.buckets;
    },
  };
}
