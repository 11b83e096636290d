/**
 * Which AwsError each protocol answers for what the core itself decides (no credentials, injected
 * faults, crashes), and the one place that writes any AwsError in its protocol's format.
 */
import { AwsError } from "../types.ts";
import { encodeEc2Error } from "./ec2.ts";
import { encodeJsonError, type WireAnswer } from "./json.ts";
import { DEFAULT_QUERY_XMLNS, encodeQueryError } from "./query.ts";
import { encodeRestJsonError } from "./rest-json.ts";
import { encodeRestError } from "./rest-xml.ts";

export type Protocol = "json" | "query" | "ec2" | "rest" | "restJson";

/** A request as far as the core has decoded it: enough to count it and to answer an error. */
export interface AwsCall {
  readonly protocol: Protocol;
  /** SigV4 signing name of the service answering (`cognito-idp`, `s3`, …), or undefined if none matches. */
  readonly signingName: string | undefined;
  readonly operation: string;
  readonly requestId: string;
  readonly method: string;
  /** Namespace for awsQuery error documents. */
  readonly xmlns?: string | undefined;
}

/** The answer a fault or failure takes in each service (assumed codes; see the README's "Assumed"). */
export function faultError(
  kind: "throttle" | "internal" | "unavailable",
  signingName: string | undefined,
): AwsError {
  const cognito = signingName === "cognito-idp";
  if (kind === "throttle") {
    if (signingName === "s3") return new AwsError("SlowDown", "Please reduce your request rate.", 503);
    if (signingName === "sts" || signingName === "iam") return new AwsError("Throttling", "Rate exceeded");
    return new AwsError(cognito ? "TooManyRequestsException" : "ThrottlingException", "Rate exceeded");
  }
  if (kind === "internal") {
    if (signingName === "s3")
      return new AwsError("InternalError", "We encountered an internal error. Please try again.", 500);
    return new AwsError(
      cognito ? "InternalErrorException" : "InternalFailure",
      "An internal error occurred. Try again.",
      500,
    );
  }
  if (signingName === "s3")
    return new AwsError("ServiceUnavailable", "Service is unable to handle request.", 503);
  return new AwsError("ServiceUnavailable", "Service Unavailable", 503);
}

/** A request without a SigV4 scope (assumed codes and statuses; see the README's "Assumed"). */
export function missingAuth(protocol: Protocol): AwsError {
  if (protocol === "json" || protocol === "restJson")
    return new AwsError("MissingAuthenticationTokenException", "Request is missing Authentication Token");
  if (protocol === "query")
    return new AwsError("MissingAuthenticationToken", "Request is missing Authentication Token", 403);
  if (protocol === "ec2")
    return new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
  return new AwsError("AccessDenied", "Access Denied", 403);
}

/** The error in the call's protocol: JSON `__type`, awsQuery `<ErrorResponse>`, S3 `<Error>` (no body for HEAD). */
export function encodeError(call: AwsCall, error: AwsError): WireAnswer {
  if (call.protocol === "json") return encodeJsonError(error, call.requestId);
  if (call.protocol === "restJson") return encodeRestJsonError(error, call.requestId);
  if (call.protocol === "query")
    return encodeQueryError(error, call.xmlns ?? DEFAULT_QUERY_XMLNS, call.requestId);
  if (call.protocol === "ec2") return encodeEc2Error(error, call.requestId);
  return encodeRestError(error, call.requestId, call.method);
}
