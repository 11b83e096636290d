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
 * Cost: the SDK's retry middleware reads the signal from the context only, so its backoff before a
 * retry (read-retry.ts: up to 1.6 s before a fifth attempt) is not cut short by the abort. The
 * caller is let go at the abort all the same (`send` races the signal), and the abandoned call's
 * next attempt sends nothing (the pacing middlewares and the HTTP handler see the aborted signal).
 */
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { raceSignal } from "./deadline.ts";

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
  const inFlight = new WeakSet<object>();
  client.send = (command: object, options?: unknown) => {
    if (typeof options === "function" || (options !== undefined && !isSignalOnly(options)))
      throw new Error("withCallSignals clients take only { abortSignal } as send options");
    const signal = (options as { abortSignal?: unknown } | undefined)?.abortSignal;
    const input = (command as { input?: unknown }).input;
    if (typeof input !== "object" || input === null) return send(command);
    // One call per input at a time: the signal is found by the input, so a second call with the
    // same input object would take the first one's (build a command per call).
    if (inFlight.has(input)) throw new Error("a command's input is already in a call under way");
    inFlight.add(input);
    if (signal instanceof AbortSignal) signalOfInput.set(input, signal);
    else signalOfInput.delete(input);
    // No options: the SDK uses its handler cache only then.
    const sent = send(command).finally(() => {
      inFlight.delete(input);
      signalOfInput.delete(input);
    });
    // The SDK races its retry backoff against the context's signal only, which a shared context
    // does not carry: the caller (and the pacer slot it holds) is let go at the abort here; the
    // abandoned call's next attempt finds the signal aborted and sends nothing.
    return signal instanceof AbortSignal ? raceSignal(sent, signal) : sent;
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

const isSignalOnly = (options: unknown): boolean =>
  typeof options === "object" &&
  options !== null &&
  Object.keys(options).every((key) => key === "abortSignal");

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

export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  "TooManyRequestsException",
  "ThrottlingException",
  "Throttling",
]);

/** Whether AWS answered an attempt with a refusal: throttling, or a server error (5xx). */
export function refusedByAws(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof $metadata?.httpStatusCode === "number" ? $metadata.httpStatusCode : 0;
  return status === 429 || status >= 500 || (typeof name === "string" && THROTTLING_CODES.has(name));
}
