/**
 * Object operations: PutObject (checksums, ACLs with Object Ownership, conditional writes),
 * GetObject (byte ranges), HeadObject, DeleteObject.
 */
import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { AwsError, type CallContext, type RestAnswer, type RestRequest } from "../../core/types.ts";
import { decodeAwsChunked } from "../../core/wire.ts";
import { type Bucket, ownBucket, type S3State, type StoredObject } from "./model.ts";

function verifyChecksums(req: RestRequest, body: Buffer): Record<string, string> {
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
}

/**
 * How an object was encrypted, as S3 says on PutObject/GetObject/HeadObject: the algorithm, and for
 * SSE-KMS the key (AWS names the AWS-managed `aws/s3` key by its ARN; ours says `alias/aws/s3`) and
 * whether a bucket key was used.
 */
function encryptionHeaders(bucket: Bucket): Record<string, string> {
  const e = bucket.encryption;
  if (e.algorithm === "AES256") return { "x-amz-server-side-encryption": "AES256" };
  return {
    "x-amz-server-side-encryption": e.algorithm,
    "x-amz-server-side-encryption-aws-kms-key-id":
      e.kmsKeyId ?? `arn:aws:kms:${bucket.region}:${bucket.owner}:alias/aws/s3`,
    ...(e.bucketKeyEnabled ? { "x-amz-server-side-encryption-bucket-key-enabled": "true" } : {}),
  };
}

function objectHeaders(bucket: Bucket, o: StoredObject): Record<string, string> {
  return {
    "content-type": o.contentType,
    etag: o.etag,
    "last-modified": new Date(o.lastModified).toUTCString(),
    "accept-ranges": "bytes",
    ...encryptionHeaders(bucket),
    ...Object.fromEntries(Object.entries(o.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
  };
}

/** HeadObject: status and headers only (a HEAD answer has no body to carry an error document). */
export function headObject(state: S3State, bucketName: string, key: string, ctx: CallContext): RestAnswer {
  const bucket = state.buckets[bucketName];
  if (!bucket) return { status: 404 };
  if (bucket.owner !== ctx.accountId) return { status: 403 };
  if (bucket.region !== ctx.region) return { status: 301, headers: { "x-amz-bucket-region": bucket.region } };
  const o = bucket.objects[key];
  if (!o) return { status: 404 };
  return { status: 200, headers: { ...objectHeaders(bucket, o), "content-length": String(o.size) } };
}

export function putObject(bucket: Bucket, key: string, req: RestRequest, ctx: CallContext): RestAnswer {
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

export function getObject(bucket: Bucket, key: string, req: RestRequest): RestAnswer {
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

export function deleteObject(bucket: Bucket, key: string, ctx: CallContext): RestAnswer {
  if (bucket.objects[key]) {
    delete bucket.objects[key];
    ctx.changed();
  }
  return { status: 204 };
}

/** The object's operations by method; the bucket is checked (owner, region) except for HEAD. */
export function handleObject(
  state: S3State,
  bucketName: string,
  key: string,
  req: RestRequest,
  ctx: CallContext,
): RestAnswer {
  const method = req.method.toUpperCase();
  if (key.length > 1024) throw new AwsError("KeyTooLongError", "Your key is too long", 400);
  if (method === "HEAD") return headObject(state, bucketName, key, ctx);
  const bucket = ownBucket(state, bucketName, ctx);
  if (method === "PUT") return putObject(bucket, key, req, ctx);
  if (method === "GET") return getObject(bucket, key, req);
  if (method === "DELETE") return deleteObject(bucket, key, ctx);
  throw new AwsError("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, {
    Method: method,
    ResourceType: "OBJECT",
  });
}
