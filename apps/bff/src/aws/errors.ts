import type { z } from "zod";
import { childSignal, type Deadline, raceSignal, startBackgroundBudget } from "./deadline.ts";

/** Why an AWS call failed, as far as the console cares. */
export type AwsFailureKind =
  /** AWS answered with an error (4xx/5xx and an error code). */
  | "service"
  /** No answer in time: the outcome of a write is unknown. */
  | "timeout"
  /** The connection failed: nothing reached AWS, or the answer was lost. */
  | "network"
  /** AWS answered, but not in the shape we rely on. */
  | "shape";

/** The one error type gateways throw: an SDK error (or a malformed answer) mapped to what callers need. */
export class AwsCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status AWS answered with; 0 when there was no answer. */
    readonly status: number,
    readonly requestId: string | null,
    readonly kind: AwsFailureKind,
    /** `cognito-idp.SetLogDeliveryConfiguration` etc., for logs and messages. */
    readonly operation: string,
  ) {
    super(message);
    this.name = "AwsCallError";
  }

  /** The call was never sent (its deadline had passed before): AWS saw nothing (deadlineExceeded). */
  notSent = false;

  /** Whether AWS might have applied a write despite the error (so we must re-read, never retry). */
  get outcomeUnknown(): boolean {
    return !this.notSent && (this.kind === "timeout" || this.kind === "network" || this.status >= 500);
  }
}

const TIMEOUT_NAMES = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException", "AbortError"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT"]);

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; extendedRequestId?: unknown };
  $response?: unknown;
}

/** The code of an answer that did not come from AWS (an HTML page from a proxy, an emulator's own error). */
export const NOT_AN_AWS_ANSWER = "NotAnAwsAnswer";

function headerOf(response: unknown, name: string): string | undefined {
  if (typeof response !== "object" || response === null) return undefined;
  const headers = (response as { headers?: unknown }).headers;
  if (typeof headers !== "object" || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Whether the SDK failed on an answer that is not AWS's. AWS answers every call with its own
 * format (JSON, XML) and an error code; the SDK reports a body it cannot parse as a SyntaxError
 * ("… Deserialization error: to see the raw response …") and an error document it cannot read as
 * name "Unknown". Either, or an HTML content type, means someone else answered, unless the answer
 * carries an AWS request id (`x-amzn-requestid`/`x-amz-request-id`, on every answer AWS gives): then
 * it is AWS's own answer in a shape we did not expect.
 */
function isForeignAnswer(e: SdkErrorLike, name: string, message: string, requestId: string | null): boolean {
  if (typeof e.$response !== "object" || e.$response === null || requestId !== null) return false;
  if (name === "SyntaxError" || /Deserialization error/.test(message)) return true;
  if (name === "Unknown" || name === "UnknownError") return true;
  return /^text\/html/i.test(headerOf(e.$response, "content-type") ?? "");
}

/**
 * The code of a call whose Cognito read worker stopped (crashed, or the console is shutting down)
 * before it answered: the console's own failure, not the network's nor AWS's. Kind "network": the
 * answer was lost, so a write's outcome would be unknown (the workers only read).
 */
export const READ_WORKER_STOPPED = "ReadWorkerStopped";

/** Maps anything the SDK throws to AwsCallError. Never throws itself. */
export function toAwsCallError(error: unknown, operation: string): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as SdkErrorLike;
  const name = typeof e.name === "string" ? e.name : "UnknownError";
  const message = typeof e.message === "string" ? e.message : String(error);
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : 0;
  const requestId = typeof e.$metadata?.requestId === "string" ? e.$metadata.requestId : null;
  const code = typeof e.code === "string" ? e.code : "";
  if (name === READ_WORKER_STOPPED) {
    return new AwsCallError(READ_WORKER_STOPPED, message, 0, null, "network", operation);
  }
  if (TIMEOUT_NAMES.has(name) || code === "ETIMEDOUT" || /timed? ?out/i.test(message)) {
    if (status === 0) return new AwsCallError("Timeout", message, 0, requestId, "timeout", operation);
  }
  if (status === 0 && (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || name === "Error")) {
    return new AwsCallError(code || "NetworkingError", message, 0, requestId, "network", operation);
  }
  if (isForeignAnswer(e, name, message, requestId)) {
    const type = headerOf(e.$response, "content-type");
    return new AwsCallError(
      NOT_AN_AWS_ANSWER,
      `The endpoint answered ${operation} with HTTP ${status}${type ? ` (${type.split(";")[0]})` : ""}, which is not an AWS response: a proxy, firewall or emulator answered instead of AWS.`,
      status,
      requestId,
      "shape",
      operation,
    );
  }
  // A 200 whose body the SDK could not parse lands here too.
  if (status >= 200 && status < 300) {
    return new AwsCallError("UnexpectedAwsAnswer", message, status, requestId, "shape", operation);
  }
  return new AwsCallError(name, message, status, requestId, "service", operation);
}

/** The code of a call stopped because its deadline passed; kind "timeout", so a write's outcome is unknown. */
export const DEADLINE_EXCEEDED = "RequestDeadlineExceeded";

/**
 * The call's deadline passed. `sent: false`: it had passed before the call was sent (earlier calls of
 * the request used it up), so AWS never saw this one: `notSent`, and a write's outcome is known
 * (not applied).
 */
export function deadlineExceeded(
  operation: string,
  deadline: Deadline,
  options: { sent?: boolean } = {},
): AwsCallError {
  const notSent = options.sent === false;
  const error = new AwsCallError(
    DEADLINE_EXCEEDED,
    notSent
      ? `The ${deadline.budgetMs} ms allowed for AWS calls had passed before the console could send ${operation}: it was not sent.`
      : `AWS did not answer ${operation} within the ${deadline.budgetMs} ms allowed for AWS calls.`,
    0,
    null,
    "timeout",
    operation,
  );
  error.notSent = notSent;
  return error;
}

/**
 * Runs one SDK call and maps whatever it throws. `within` bounds the call, every attempt and
 * backoff included: a user request's deadline (the wait for the read quota included, as the user
 * waits for it too), or a budget in ms of its own for work no user waits on, which does not count
 * the waits for the quota (startBackgroundBudget). `call` must send the abort signal it is given
 * with its command (`send(command, { abortSignal })`), so the call's next attempt is not sent once
 * the deadline passes (aws/sdk-context.ts). The caller gets its answer at the deadline at the latest, even while the call still
 * waits for a pacer slot. Each call gets a signal of its own (childSignal), so a deadline shared by
 * many calls carries one listener, not one per call.
 */
export async function callAws<T>(
  operation: string,
  call: (abortSignal: AbortSignal | undefined) => Promise<T>,
  within?: Deadline | number,
): Promise<T> {
  if (typeof within === "number") {
    // A budget of this call's own: its signal is the call's, no child needed.
    const own = startBackgroundBudget(within);
    try {
      return await callUnder(operation, call, own, own.signal);
    } finally {
      own.end();
    }
  }
  if (within === undefined) {
    try {
      return await call(undefined);
    } catch (error) {
      throw toAwsCallError(error, operation);
    }
  }
  if (within.signal.aborted) throw deadlineExceeded(operation, within, { sent: false });
  const { signal, release } = childSignal(within.signal);
  try {
    return await callUnder(operation, call, within, signal);
  } finally {
    release();
  }
}

async function callUnder<T>(
  operation: string,
  call: (abortSignal: AbortSignal | undefined) => Promise<T>,
  deadline: Deadline,
  signal: AbortSignal,
): Promise<T> {
  try {
    return await raceSignal(call(signal), signal);
  } catch (error) {
    // An AWS answer that raced the deadline keeps its own meaning; only the abort becomes a 504.
    if (signal.aborted && (error === signal.reason || isAbortError(error)))
      throw deadlineExceeded(operation, deadline);
    throw toAwsCallError(error, operation);
  }
}

function isAbortError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

/** Validates an AWS answer: a shape we do not expect becomes a 502, never a crash further down. */
export function parseAwsAnswer<S extends z.ZodType>(
  schema: S,
  answer: unknown,
  operation: string,
): z.infer<S> {
  const result = schema.safeParse(answer);
  if (result.success) return result.data;
  const requestId =
    typeof answer === "object" && answer !== null && "$metadata" in answer
      ? ((answer as { $metadata?: { requestId?: string } }).$metadata?.requestId ?? null)
      : null;
  const where = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  return fail(
    new AwsCallError(
      "UnexpectedAwsAnswer",
      `AWS answered ${operation} in an unexpected shape (${where}).`,
      200,
      requestId,
      "shape",
      operation,
    ),
  );
}

function fail(error: AwsCallError): never {
  throw error;
}
