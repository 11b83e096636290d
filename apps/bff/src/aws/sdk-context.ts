/**
 * What the SDK's middleware needs to know about one call, for clients that resolve their middleware
 * stack once per command class (`cacheMiddleware: true`, @smithy/core Client.send). Such a client
 * shares one handler and one middleware context between all calls of a command, and uses the cache
 * only for calls sent without options, so the call's abort signal cannot ride in
 * `send(command, { abortSignal })` nor be read from the context (`__smithy_context.abortSignal`).
 * It rides with the command's input instead, which every middleware receives as `args.input`, and
 * reaches the HTTP handler with the request (SignalledHttpHandler).
 *
 * Why: resolving the stack costs about 0.3 ms of CPU per call on a cold process and 0.1–0.2 ms warm
 * (bench `sdk`, 4,000 Cognito reads, 2026-12-02), a fifth of what the SDK spends on a call; an
 * organization read makes thousands (issue 14). The SDK documents the option as saving "0-1ms per
 * request" (SmithyConfiguration.cacheMiddleware).
 *
 * Cost: the SDK's retry middleware reads the signal from the context only, so a retry's backoff
 * (read-retry.ts: at most a few hundred ms) is not cut short by the deadline; the attempt after it
 * is (the pacing middlewares look at the signal first), and callers race the deadline anyway
 * (errors.ts callAws).
 */
import { NodeHttpHandler } from "@smithy/node-http-handler";

const signalOfInput = new WeakMap<object, AbortSignal>();
const signalOfRequest = new WeakMap<object, AbortSignal>();

/** The part of an SDK client this module touches, typed loosely (each client's generics differ). */
export interface SignalledClient {
  send(command: object, options?: unknown): Promise<unknown>;
  config: { cacheMiddleware?: boolean; requestHandler?: unknown };
  middlewareStack: {
    add(
      middleware: (next: (args: never) => Promise<unknown>) => (args: never) => Promise<unknown>,
      options: { step: "deserialize"; priority: "low"; name: string },
    ): void;
  };
}

/**
 * Makes `client` (built with `cacheMiddleware: true` and a SignalledHttpHandler) take each call's
 * abort signal as before: `client.send(command, { abortSignal })` keeps working, and the signal
 * reaches callSignalOf(args) in middleware and the HTTP request. Returns the client.
 */
export function withCallSignals<C extends SignalledClient>(client: C): C {
  // Without either, a call's signal would reach neither the HTTP request nor the SDK's cache.
  if (
    client.config.cacheMiddleware !== true ||
    !(client.config.requestHandler instanceof SignalledHttpHandler)
  )
    throw new Error(
      "withCallSignals needs a client built with cacheMiddleware: true and a SignalledHttpHandler",
    );
  const send = client.send.bind(client);
  client.send = (command: object, options?: unknown) => {
    const signal = (options as { abortSignal?: unknown } | undefined)?.abortSignal;
    const input = (command as { input?: unknown }).input;
    if (signal instanceof AbortSignal && typeof input === "object" && input !== null)
      signalOfInput.set(input, signal);
    // No options: the SDK uses its handler cache only then.
    return send(command);
  };
  // Last before the HTTP handler, after retries and signing, which make new request objects.
  client.middlewareStack.add(
    (next) => (args) => {
      const { input, request } = args as { input?: unknown; request?: unknown };
      const signal = typeof input === "object" && input !== null ? signalOfInput.get(input) : undefined;
      if (signal && typeof request === "object" && request !== null) signalOfRequest.set(request, signal);
      return next(args);
    },
    { step: "deserialize", priority: "low", name: "clcCallSignal" },
  );
  return client;
}

/** The abort signal of the call a middleware is handling (`args` as the middleware got them), if any. */
export function callSignalOf(args: unknown): AbortSignal | undefined {
  const input = (args as { input?: unknown } | null)?.input;
  return typeof input === "object" && input !== null ? signalOfInput.get(input) : undefined;
}

/** A NodeHttpHandler that aborts a request with its call's signal (withCallSignals). */
export class SignalledHttpHandler extends NodeHttpHandler {
  override handle(...[request, options]: Parameters<NodeHttpHandler["handle"]>) {
    const signal = signalOfRequest.get(request);
    return super.handle(request, signal ? { ...options, abortSignal: signal } : options);
  }
}

const THROTTLING_CODES = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling"]);

/** Whether AWS answered an attempt with a refusal: throttling, or a server error (5xx). */
export function refusedByAws(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof $metadata?.httpStatusCode === "number" ? $metadata.httpStatusCode : 0;
  return status === 429 || status >= 500 || (typeof name === "string" && THROTTLING_CODES.has(name));
}
