/**
 * EC2's query protocol (`ec2`): form requests like awsQuery, but the answer has no `<ActionResult>`
 * wrapper (`<ActionResponse xmlns><requestId>…` then the output's members, lists as `<item>`), and
 * errors are `<Response><Errors><Error><Code><Message></Error></Errors><RequestID>` (botocore's
 * `ec2` parser and the SDK v3's `ec2Query` protocol read these; moto's `ec2/responses`).
 */
import type { AwsError } from "../types.ts";
import type { WireAnswer } from "./json.ts";
import { buildXml, type XmlObject } from "./xml.ts";

const XML_HEADERS = { "content-type": "text/xml;charset=UTF-8" } as const;

export function encodeEc2Answer(
  action: string,
  result: XmlObject | undefined,
  xmlns: string,
  requestId: string,
): WireAnswer {
  const document = buildXml(`${action}Response`, { requestId, ...(result ?? {}) }, { xmlns, lists: "item" });
  return { status: 200, headers: { ...XML_HEADERS, "x-amzn-requestid": requestId }, body: document };
}

export function encodeEc2Error(error: AwsError, requestId: string): WireAnswer {
  const document = buildXml(
    "Response",
    { Errors: { Error: { Code: error.code, Message: error.message } }, RequestID: requestId },
    { lists: "item" },
  );
  return { status: error.status, headers: { ...XML_HEADERS, "x-amzn-requestid": requestId }, body: document };
}
