/**
 * REST-JSON (`restJson1`: the Account Management API): the operation is the method and path
 * (`POST /listRegions`), JSON in and out (`application/json`), errors as `x-amzn-ErrorType: <code>`
 * with `{ "message": … }` (the shapes the SDK v3's `restJson1` protocol reads).
 */
import type { AwsError } from "../types.ts";
import type { WireAnswer } from "./json.ts";

const CONTENT_TYPE = "application/json";

export function encodeRestJsonAnswer(output: unknown, requestId: string): WireAnswer {
  return {
    status: 200,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: JSON.stringify(output ?? {}),
  };
}

export function encodeRestJsonError(error: AwsError, requestId: string): WireAnswer {
  return {
    status: error.status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId, "x-amzn-errortype": error.code },
    body: JSON.stringify({ message: error.message, ...error.extra }),
  };
}
