/**
 * Where the SDK keeps the abort signal given to `send(command, { abortSignal })` in a middleware's
 * context (@smithy/types SMITHY_CONTEXT_KEY; its retry middleware reads it the same way).
 */
export const SMITHY_CONTEXT_KEY = "__smithy_context";
export interface SmithyContextCarrier {
  // Typed loosely: the SDK's own AbortSignal type is a subset of the DOM one we send.
  [SMITHY_CONTEXT_KEY]?: { abortSignal?: unknown };
}

const THROTTLING_CODES = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling"]);

/** Whether AWS answered an attempt with a refusal: throttling, or a server error (5xx). */
export function refusedByAws(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof $metadata?.httpStatusCode === "number" ? $metadata.httpStatusCode : 0;
  return status === 429 || status >= 500 || (typeof name === "string" && THROTTLING_CODES.has(name));
}
