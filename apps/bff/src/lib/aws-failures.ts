import { isLimitExceeded, limitExceededText } from "@clc/domain";
import {
  type AwsCallError,
  DEADLINE_EXCEEDED,
  NOT_AN_AWS_ANSWER,
  READ_WORKER_STOPPED,
} from "../aws/errors.ts";
import { ServiceError } from "./errors.ts";

/**
 * STS's codes for an AssumeRole refused because of the role (missing, its trust policy, the
 * external id), not the console's own credentials (expired, a bad signature): those are the
 * console's to fix, and are described as its own credentials' failure.
 */
export const ASSUME_DENIED: ReadonlySet<string> = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "InvalidClientTokenId",
]);

/**
 * What to do when a member account's role cannot be assumed (missing, its trust policy does not
 * name the console's principal, or the external id differs): the same advice on every page.
 */
export const MEMBER_ROLE_HINT =
  "Deploy the member role to this account (Member role page: download the template, or its StackSet command for the OU), with the console's principal and external id in its trust policy; then Test connection.";

/** Seconds a client should wait after AWS throttled us before trying again. */
const THROTTLED_RETRY_AFTER_SECONDS = 2;

const CREDENTIAL_ERRORS = new Set([
  "AccessDeniedException",
  "AccessDenied",
  "NotAuthorizedException",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "CredentialsProviderError",
]);
/** AWS's codes for a request rate above the quota (throttled, not refused). */
export const THROTTLING_ERRORS = new Set([
  "TooManyRequestsException",
  "ThrottlingException",
  "Throttling",
  "SlowDown",
]);

const AWS_SLOW_HINT =
  'Try again in a moment. If AWS keeps not answering, check the AWS Health Dashboard for the region (against the sandbox: that its fault switch is off, POST /_sandbox/config {"faults":{"hangRate":0}}).';

/**
 * Whether an operation (`service.Action`, as AwsCallError names it) only reads: AWS's read actions
 * are named Describe*, Get*, List* and Head* across the services the console calls.
 */
function isRead(operation: string): boolean {
  const action = operation.slice(operation.indexOf(".") + 1);
  return /^(Describe|Get|List|Head)[A-Z]/.test(action);
}

/**
 * AWS's failure as the console's answer: never an internal error, never the raw SDK error. The
 * detail names the operation and AWS's request id; the hint says what to do next.
 */
export function describeAwsFailure(error: AwsCallError): ServiceError {
  const awsRef = error.requestId ? ` (AWS request id ${error.requestId})` : "";
  if (error.code === NOT_AN_AWS_ANSWER) {
    return new ServiceError("aws-failed", "aws-not-aws-answer", "The answer did not come from AWS", {
      detail: error.message,
      hint: "Check the console's AWS endpoint and any proxy between it and AWS (HTTPS_PROXY); against the sandbox, check that the sandbox is what listens on that port.",
    });
  }
  if (error.kind === "shape") {
    return new ServiceError("aws-failed", "aws-unexpected-answer", "AWS answered in an unexpected shape", {
      detail: `${error.message}${awsRef}`,
      hint: "Try again; if it persists, the AWS API may have changed — report it with the request id.",
    });
  }
  if (error.code === DEADLINE_EXCEEDED || error.kind === "timeout") {
    return new ServiceError("timeout", "aws-timeout", "AWS did not answer in time", {
      detail: error.notSent
        ? `${error.message} The calls before it used up the time (AWS_REQUEST_DEADLINE_MS).`
        : error.code === DEADLINE_EXCEEDED
          ? `${error.message} The console stopped waiting (AWS_REQUEST_DEADLINE_MS) and sent nothing more.`
          : `${error.operation} timed out${awsRef}.`,
      // A call never sent, or a read, changed nothing: no reload is needed to know. (A change whose
      // request ran out of time in its reads said "it may have been applied" of a write never sent.)
      hint: error.notSent
        ? AWS_SLOW_HINT
        : isRead(error.operation)
          ? `${AWS_SLOW_HINT} The call that did not answer only reads: it changed nothing.`
          : `${AWS_SLOW_HINT} If this was a change, reload the pool first: it may have been applied.`,
    });
  }
  if (error.code === READ_WORKER_STOPPED) {
    // Not AWS and not the network: "Could not reach AWS" sent people to check a network that worked.
    return new ServiceError(
      "unavailable",
      "read-worker-stopped",
      "The console's Cognito read worker stopped",
      {
        detail: `${error.operation}: ${error.message}`,
        hint: "Try again: unless the console is shutting down, a new worker starts with the next read. If it keeps stopping, the console's log says why (COGNITO_READ_WORKERS=0 reads on the main thread instead).",
      },
    );
  }
  if (error.kind === "network") {
    return new ServiceError("aws-failed", "aws-unreachable", "Could not reach AWS", {
      detail: `${error.operation}: ${error.message}`,
      hint: "Check the network (or that the sandbox is running), then try again.",
    });
  }
  if (THROTTLING_ERRORS.has(error.code)) {
    return new ServiceError("unavailable", "aws-throttled", "AWS is throttling requests", {
      detail: `${error.operation} was throttled after retries${awsRef}.`,
      hint: `Wait a few seconds and try again; the account's Cognito read quota is shared by everything in it.`,
      retryAfterSeconds: THROTTLED_RETRY_AFTER_SECONDS,
    });
  }
  if (error.operation === "sts.AssumeRole" && ASSUME_DENIED.has(error.code)) {
    // The member account's role, not the console's own permissions: the fix is in that account
    // (the fleet's failing-account row gives the same advice: describeAccountFailure).
    return new ServiceError(
      "aws-failed",
      "member-role-not-assumed",
      "The console could not assume the account's role",
      {
        detail: `${error.code} on sts.AssumeRole${awsRef}: ${error.message}`,
        hint: MEMBER_ROLE_HINT,
      },
    );
  }
  if (CREDENTIAL_ERRORS.has(error.code)) {
    const [service, action] = error.operation.split(".");
    return new ServiceError("aws-failed", "aws-access-denied", "AWS refused the console's credentials", {
      detail: `${error.code} on ${error.operation}${awsRef}: ${error.message}`,
      hint: `Give the console's IAM principal ${service}:${action} (see the permissions list in the README), or refresh its credentials.`,
    });
  }
  if (isLimitExceeded(error.code)) {
    // A quota of the user's account, not an AWS fault: say which one and how to make room.
    const { message, hint } = limitExceededText(error.operation);
    return new ServiceError("conflict", "aws-limit-exceeded", "An AWS quota was reached", {
      detail: `${message} (AWS answered ${error.code} on ${error.operation}${awsRef}: ${error.message})`,
      errors: [{ path: "", message }],
      hint,
    });
  }
  if (error.code === "ResourceNotFoundException" || error.code === "NoSuchBucket") {
    return new ServiceError("not-found", "aws-not-found", "Not found in AWS", {
      detail: `${error.message}${awsRef}`,
    });
  }
  return new ServiceError("aws-failed", "aws-error", "AWS rejected the call", {
    detail: `${error.code} on ${error.operation}${awsRef}: ${error.message}`,
    hint: "Try again; if it persists, check the pool in the AWS console.",
  });
}
