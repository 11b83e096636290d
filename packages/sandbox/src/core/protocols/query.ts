/**
 * awsQuery (STS, IAM): form-encoded `Action=…&Version=…&Name=value` requests, XML answers
 * `<ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata><RequestId>` and errors
 * `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code><Message></Error><RequestId>` (the shapes
 * botocore's `query` parser and the SDK v3's `awsQuery` protocol read; moto's `core/serialize.py`).
 */
import type { AwsError } from "../types.ts";
import type { WireAnswer } from "./json.ts";
import { buildXml, type XmlObject } from "./xml.ts";

/** The namespace awsQuery errors fall back to when no service matched the request (STS's). */
export const DEFAULT_QUERY_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

export interface QueryRequest {
  readonly action: string;
  readonly version: string | undefined;
  /** Every other parameter as sent, by its flat name (`RoleName`, `Tags.member.1.Key`). */
  readonly params: Record<string, string>;
}

/** A form body → the action, the API version and the remaining parameters. */
export function decodeQuery(body: Buffer): QueryRequest {
  const form = new URLSearchParams(body.toString("utf8"));
  const params: Record<string, string> = {};
  for (const [name, value] of form) {
    if (name !== "Action" && name !== "Version") params[name] = value;
  }
  return { action: form.get("Action") ?? "", version: form.get("Version") ?? undefined, params };
}

const XML_HEADERS = { "content-type": "text/xml" } as const;

/** A 200 answer: `result` is the content of `<ActionResult>`, left out when undefined (answers with no output). */
export function encodeQueryAnswer(
  action: string,
  result: XmlObject | undefined,
  xmlns: string,
  requestId: string,
): WireAnswer {
  const document = buildXml(
    `${action}Response`,
    {
      [`${action}Result`]: result,
      ResponseMetadata: { RequestId: requestId },
    },
    { xmlns, lists: "member" },
  );
  return { status: 200, headers: { ...XML_HEADERS, "x-amzn-requestid": requestId }, body: document };
}

/** An AwsError as awsQuery's ErrorResponse; `Type` is `Receiver` for server faults (5xx), else `Sender`. */
export function encodeQueryError(error: AwsError, xmlns: string, requestId: string): WireAnswer {
  const document = buildXml(
    "ErrorResponse",
    {
      Error: { Type: error.status >= 500 ? "Receiver" : "Sender", Code: error.code, Message: error.message },
      RequestId: requestId,
    },
    { xmlns, lists: "member" },
  );
  return { status: error.status, headers: { ...XML_HEADERS, "x-amzn-requestid": requestId }, body: document };
}
