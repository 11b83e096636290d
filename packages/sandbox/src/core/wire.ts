/** Pieces every wire protocol shares: the SigV4 scope, aws-chunked bodies (XML: `protocols/xml.ts`). */

export interface SigV4Scope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

const SCOPE = /^([^/\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;

function parseCredential(credential: string): SigV4Scope | undefined {
  const m = SCOPE.exec(credential.trim());
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return undefined;
  return { accessKeyId: m[1], date: m[2], region: m[3], service: m[4] };
}

/**
 * The credential scope from `Authorization: AWS4-HMAC-SHA256 Credential=AK/20240101/us-east-1/logs/aws4_request, …`
 * or, for presigned S3 URLs, the `X-Amz-Credential` query parameter. Signatures are not verified:
 * the sandbox accepts any credentials, like other local emulators.
 */
export function sigV4Scope(
  authorization: string | undefined,
  query: URLSearchParams,
): SigV4Scope | undefined {
  if (authorization?.startsWith("AWS4-HMAC-SHA256 ")) {
    const m = /Credential=([^,\s]+)/.exec(authorization);
    return m?.[1] ? parseCredential(m[1]) : undefined;
  }
  const presigned = query.get("X-Amz-Credential");
  return presigned ? parseCredential(presigned) : undefined;
}

/**
 * Decode an `aws-chunked` body (`<hex-size>[;chunk-signature=…]\r\n<data>\r\n … 0\r\n<trailers>\r\n\r\n`),
 * which the SDK sends for S3 uploads with checksums. Returns undefined if the framing is broken.
 */
export function decodeAwsChunked(body: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const header = body.subarray(at, lineEnd).toString("latin1");
    const size = Number.parseInt(header.split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size < 0) return undefined;
    at = lineEnd + 2;
    if (size === 0) return Buffer.concat(parts);
    if (at + size > body.length) return undefined;
    parts.push(body.subarray(at, at + size));
    at += size + 2;
  }
}
