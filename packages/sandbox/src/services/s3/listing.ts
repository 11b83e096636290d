/** ListObjects (v1, by marker) and ListObjectsV2 (by continuation token): keys, common prefixes, paging. */
import { AwsError, type RestAnswer, type RestRequest } from "../../core/types.ts";
import { encodeToken } from "../shared/paging.ts";
import { type Bucket, continuationAfter, type StoredObject } from "./model.ts";

/** The query parameters ListObjects (v1) reads; any other names a subresource the sandbox does not serve. */
export const LIST_OBJECTS_PARAMETERS = ["prefix", "delimiter", "marker", "max-keys", "encoding-type"];

/** S3 percent-encodes keys in listings when asked (`encoding-type=url`), keeping `/` readable. */
function urlEncodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, "/");
}

export function listObjects(bucket: Bucket, req: RestRequest, v2: boolean): RestAnswer {
  const q = req.query;
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? undefined;
  const maxText = q.get("max-keys");
  let maxKeys = 1000;
  if (maxText !== null) {
    if (!/^\d+$/.test(maxText)) {
      throw new AwsError("InvalidArgument", "Provided max-keys not an integer or within integer range", 400, {
        ArgumentName: "max-keys",
        ArgumentValue: maxText,
      });
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
  const after =
    token !== undefined
      ? continuationAfter(token)
      : v2
        ? (q.get("start-after") ?? "")
        : (q.get("marker") ?? "");
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
      return {
        Key: encode(e.key),
        LastModified: new Date(o.lastModified),
        ETag: o.etag,
        ChecksumAlgorithm: algorithm?.toUpperCase(),
        ChecksumType: algorithm ? "FULL_OBJECT" : undefined,
        Size: o.size,
        StorageClass: "STANDARD",
      };
    });
  // Flattened lists: one <Contents> per object, one <CommonPrefixes> per prefix (the model's ListObjectsV2Output).
  return {
    status: 200,
    document: {
      root: "ListBucketResult",
      content: {
        Name: bucket.name,
        Prefix: encode(prefix),
        KeyCount: v2 ? page.length : undefined,
        Marker: v2 ? undefined : (q.get("marker") ?? ""),
        MaxKeys: maxKeys,
        Delimiter: delimiter,
        EncodingType: encodingType,
        IsTruncated: truncated,
        Contents: contents,
        CommonPrefixes: page.filter((e) => e.commonPrefix).map((e) => ({ Prefix: encode(e.key) })),
        ...(v2
          ? {
              ContinuationToken: token,
              NextContinuationToken: truncated ? encodeToken({ after: resumeAfter }) : undefined,
              StartAfter: q.get("start-after") ?? undefined,
            }
          : { NextMarker: truncated && delimiter ? lastEntry?.key : undefined }),
      },
    },
  };
}
