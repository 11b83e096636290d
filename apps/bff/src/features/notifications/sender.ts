/**
 * Sends one notification to one webhook, with retries: exponential backoff with jitter, at most
 * `maxAttempts`, Retry-After honoured on 429 and 503, a timeout per attempt, no redirects followed.
 * Every attempt is reported (`onAttempt`) so the store keeps a record of each.
 *
 * Hand-written on node:http(s) rather than fetch: the connection must go to an address checked
 * against `refusedAddress` (a name that resolves to 169.254.169.254 is refused at connect time,
 * and the checked address is the one connected to, so a DNS answer cannot change in between).
 * No retry library is a dependency of the BFF (read-retry.ts is hand-written for the same reason).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { refusedAddress } from "./url.ts";

export interface DeliveryTiming {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first retry waits about this long (ms); each next one twice as long, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Each attempt's budget: connect, send, answer (ms). */
  timeoutMs: number;
  /** A Retry-After longer than this ends the retries (ms). */
  maxRetryAfterMs: number;
}

export const DEFAULT_TIMING: DeliveryTiming = {
  maxAttempts: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  timeoutMs: 10_000,
  maxRetryAfterMs: 5 * 60_000,
};

export interface AttemptOutcome {
  attempt: number;
  statusCode: number | null;
  ok: boolean;
  /** In the user's terms; never the secret. */
  error: string | null;
  /** Ms until the next attempt; null: none follows. */
  retryInMs: number | null;
}

export interface SendOptions {
  origin: string;
  secretPart: string;
  body: string;
  allowLoopback: boolean;
  timing: DeliveryTiming;
  onAttempt(outcome: AttemptOutcome): Promise<void>;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

class RefusedAddressError extends Error {}

/** dns.lookup, refusing every answer `refusedAddress` refuses. */
function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      for (const { address } of addresses) {
        const refused = refusedAddress(address, allowLoopback);
        if (refused) return callback(new RefusedAddressError(`${hostname} resolves to ${refused}`), "", 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

interface Answer {
  statusCode: number;
  retryAfter: string | undefined;
  excerpt: string;
}

/** One POST; rejects on no answer (refused, timed out, unreachable). */
function postOnce(options: SendOptions): Promise<Answer> {
  const url = new URL(options.secretPart, options.origin);
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(literal) !== 0) {
    // A literal address is connected to without a lookup: check it here.
    const refused = refusedAddress(literal, options.allowLoopback);
    if (refused) return Promise.reject(new RefusedAddressError(`the address is ${refused}`));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        agent: false,
        lookup: guardedLookup(options.allowLoopback),
        signal: AbortSignal.timeout(options.timing.timeoutMs),
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(options.body),
          "user-agent": "cognito-log-console-webhooks/1",
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          // Only the start is kept (an error's first words); the rest is read and dropped.
          if (size < 2048) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          resolve({
            statusCode: response.statusCode ?? 0,
            retryAfter: response.headers["retry-after"],
            excerpt: Buffer.concat(chunks).toString("utf8").slice(0, 200),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** Retry-After in ms (delta-seconds or an HTTP date), or null. RFC 9110 §10.2.3. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Why an attempt got no answer, in the user's terms. */
function noAnswerText(error: unknown, timeoutMs: number): string {
  if (error instanceof RefusedAddressError) return `Not sent: ${error.message}.`;
  const e = error as { name?: string; code?: string; message?: string };
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "ABORT_ERR")
    return `No answer within ${Math.round(timeoutMs / 1000)} s.`;
  if (e.code === "ECONNREFUSED") return "The receiver refused the connection (ECONNREFUSED).";
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN")
    return `The receiver's host name did not resolve (${e.code}).`;
  if (e.code === "ECONNRESET") return "The receiver closed the connection (ECONNRESET).";
  if (typeof e.code === "string" && /CERT|SSL|TLS/.test(e.code))
    return `The receiver's TLS certificate was refused (${e.code}).`;
  return `Could not reach the receiver${e.code ? ` (${e.code})` : ""}.`;
}

/** Removes the secret (as sent, and URL-decoded) from a receiver's text, which may echo the path. */
function withoutSecret(text: string, secretPart: string): string {
  let out = text;
  for (const secret of new Set([secretPart, safeDecode(secretPart)])) {
    if (secret.length > 1) out = out.split(secret).join("/…");
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Sends `body` until the receiver answers 2xx or the attempts run out. Retried: no answer (except an
 * address refused by the SSRF guard), 408, 425, 429 and 5xx. Not retried: other answers (a 4xx
 * says the request itself is wrong; a 3xx is not followed: it could point anywhere). Answers true
 * when delivered.
 */
export async function sendWithRetries(options: SendOptions): Promise<boolean> {
  const { timing } = options;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; attempt <= timing.maxAttempts; attempt++) {
    let statusCode: number | null = null;
    let error: string | null = null;
    let retriable = false;
    let asked: number | null = null;
    try {
      const answer = await postOnce(options);
      statusCode = answer.statusCode;
      if (statusCode >= 200 && statusCode < 300) {
        await options.onAttempt({ attempt, statusCode, ok: true, error: null, retryInMs: null });
        return true;
      }
      retriable = statusCode === 408 || statusCode === 425 || statusCode === 429 || statusCode >= 500;
      if (statusCode === 429 || statusCode === 503) asked = retryAfterMs(answer.retryAfter);
      const said = withoutSecret(answer.excerpt.trim(), options.secretPart);
      error =
        statusCode >= 300 && statusCode < 400
          ? `The receiver answered a redirect (HTTP ${statusCode}), which the console does not follow: use the address it points to.`
          : `The receiver answered HTTP ${statusCode}${said ? `: ${said}` : "."}`;
    } catch (failure) {
      retriable = !(failure instanceof RefusedAddressError);
      error = noAnswerText(failure, timing.timeoutMs);
    }
    let retryInMs: number | null = null;
    if (retriable && attempt < timing.maxAttempts) {
      if (asked !== null && asked > timing.maxRetryAfterMs) {
        error = `${error} It asked to wait ${Math.round(asked / 1000)} s, longer than the console waits: not retried.`;
      } else {
        // Exponential backoff with "equal jitter": half the step for sure, the other half at random,
        // so retries of many deliveries spread out but never come back at once.
        const step = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** (attempt - 1));
        retryInMs = asked ?? Math.round(step / 2 + random() * (step / 2));
      }
    }
    await options.onAttempt({ attempt, statusCode, ok: false, error, retryInMs });
    if (retryInMs === null) return false;
    await sleep(retryInMs);
  }
  return false;
}
