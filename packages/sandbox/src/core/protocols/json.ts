/**
 * awsJson1_1 (cognito-idp, logs, firehose): `X-Amz-Target: <Prefix>.<Operation>`, a JSON object in
 * and out, errors as `{ "__type": code, "message": … }` with `x-amzn-errortype` (the shapes botocore's
 * `json` parser and the SDK v3's `awsJson1_1` protocol read).
 */
import { AwsError } from "../types.ts";

/** What the core writes back: status, headers and the encoded body (none for HEAD and empty answers). */
export interface WireAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer | undefined;
}

/** `Prefix.Operation` → its two parts; a target without a dot is all operation. */
export function splitTarget(target: string): { prefix: string; operation: string } {
  const dot = target.lastIndexOf(".");
  return dot >= 0
    ? { prefix: target.slice(0, dot), operation: target.slice(dot + 1) }
    : { prefix: target, operation: target };
}

/**
 * The request body as a JSON object (an empty body is `{}`).
 * @throws AwsError SerializationException when the body is not JSON or not an object.
 */
export function decodeJson(body: Buffer): Record<string, unknown> {
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
  } catch {
    // Our text: AWS's SerializationException message for malformed JSON is not captured.
    throw new AwsError("SerializationException", "The request body is not valid JSON.");
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new AwsError("SerializationException", "The request body must be a JSON object.");
  }
  return input as Record<string, unknown>;
}

const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

export function encodeJsonAnswer(output: unknown, requestId: string): WireAnswer {
  return {
    status: 200,
    headers: { "content-type": JSON_CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: JSON.stringify(output ?? {}),
  };
}

/**
 * An error of a service AWS moved from awsQuery to JSON with `awsQueryCompatible` (CloudWatch): the
 * JSON `__type` is the model's error name, and `x-amzn-query-error: <query code>;Sender` carries the
 * code awsQuery clients knew, which the SDK v3 gives as the error's `Code`.
 */
export class QueryCompatibleError extends AwsError {
  constructor(
    code: string,
    readonly queryCode: string,
    message: string,
    status = 400,
  ) {
    super(code, message, status);
  }
}

export function encodeJsonError(error: AwsError, requestId: string): WireAnswer {
  return {
    status: error.status,
    headers: {
      "content-type": JSON_CONTENT_TYPE,
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": error.code,
      ...(error instanceof QueryCompatibleError
        ? { "x-amzn-query-error": `${error.queryCode};${error.status >= 500 ? "Receiver" : "Sender"}` }
        : {}),
    },
    body: JSON.stringify({ __type: error.code, message: error.message, ...error.extra }),
  };
}
