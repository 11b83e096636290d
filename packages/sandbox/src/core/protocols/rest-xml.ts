/**
 * S3's REST-XML: the request is method + path + query + headers + body (aws-chunked bodies decoded
 * here), the answer is status + headers + an XML document with S3's namespace (or raw bytes: objects,
 * policies), errors are `<Error><Code><Message>…<RequestId><HostId></Error>` with no namespace, and
 * HEAD answers carry no body (the shapes botocore's `rest-xml` parser and the SDK v3's `restXml`
 * protocol read; LocalStack's `aws/protocol/serializer.py`).
 */
import { newHostId } from "../ids.ts";
import { AwsError, type RestAnswer, type RestRequest, type RestResponse } from "../types.ts";
import { decodeAwsChunked } from "../wire.ts";
import type { WireAnswer } from "./json.ts";
import { buildXml, parseXmlDocument } from "./xml.ts";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * The payload as the service must read it: aws-chunked framing (which the SDK sends for uploads
 * with checksums, `Content-Encoding: aws-chunked` or `x-amz-content-sha256: STREAMING-…`) removed,
 * and `aws-chunked` dropped from `content-encoding`.
 * @throws AwsError IncompleteBody when the framing is malformed.
 */
export function decodeRestBody(
  headers: Record<string, string | undefined>,
  body: Buffer,
): { headers: Record<string, string | undefined>; body: Buffer } {
  const chunked =
    /aws-chunked/.test(headers["content-encoding"] ?? "") ||
    (headers["x-amz-content-sha256"] ?? "").startsWith("STREAMING-");
  if (!chunked) return { headers, body };
  let payload = body;
  if (body.length > 0) {
    const decoded = decodeAwsChunked(body);
    if (!decoded)
      throw new AwsError("IncompleteBody", "The request body's aws-chunked framing is malformed.");
    payload = decoded;
  }
  const out = { ...headers };
  if (out["content-encoding"]) {
    const rest = out["content-encoding"]
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s && s !== "aws-chunked");
    out["content-encoding"] = rest.length ? rest.join(",") : undefined;
  }
  return { headers: out, body: payload };
}

/** S3's answer to a request document it cannot read (AWS's text). */
export function malformedXml(): AwsError {
  return new AwsError(
    "MalformedXML",
    "The XML you provided was not well-formed or did not validate against our published schema",
  );
}

/**
 * The content of a request document's root element (`CreateBucketConfiguration`, `Tagging`, …):
 * text values as strings, the elements in `repeated` always as arrays, `{}` for an empty root.
 * @throws AwsError MalformedXML when the body is not XML or its root is another element.
 */
export function parseXmlBody(
  request: Pick<RestRequest, "body">,
  root: string,
  repeated: ReadonlySet<string> = new Set(),
): Record<string, unknown> {
  const content = parseXmlDocument(request.body.toString("utf8").trim(), root, repeated);
  if (content === undefined) throw malformedXml();
  return content === "" ? {} : content;
}

/**
 * A service's answer as the wire carries it: a document becomes `<?xml …?>` + the root element with
 * `xmlns`, flattened lists (each array item repeats its element; a wrapped list is an object holding
 * the array under its member name, e.g. `{ TagSet: { Tag: [...] } }`), and `content-type: application/xml`.
 */
export function encodeRestAnswer(answer: RestAnswer, xmlns: string): RestResponse {
  if (!answer.document) {
    const { document: _none, ...rest } = answer;
    return rest;
  }
  const { root, content } = answer.document;
  return {
    status: answer.status,
    headers: { "content-type": "application/xml", ...(answer.headers ?? {}) },
    body: DECLARATION + buildXml(root, content, { xmlns, lists: "flattened" }),
  };
}

/** An AwsError as S3's `<Error>` document: Code, Message, the error's extra members, RequestId, HostId. */
export function encodeRestError(error: AwsError, requestId: string, method: string): WireAnswer {
  const document = buildXml(
    "Error",
    { Code: error.code, Message: error.message, ...error.extra, RequestId: requestId, HostId: newHostId() },
    { lists: "flattened" },
  );
  return {
    status: error.status,
    headers: { "content-type": "application/xml", "x-amz-request-id": requestId, "x-amz-id-2": newHostId() },
    body: method === "HEAD" ? undefined : DECLARATION + document,
  };
}
