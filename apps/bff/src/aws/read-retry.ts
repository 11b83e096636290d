/**
 * How reads retry: throttling, 5xx and timeouts are retried up to `maxAttempts` in all, after a
 * short exponential backoff with full jitter (0–200 ms, 0–400 ms, … capped). The SDK's standard
 * mode waits up to 1 s, 2 s, 4 s, 8 s after a throttle; here every attempt already waits for a
 * token of the read pacer, which holds Cognito reads at the quota, so a long sleep only leaves
 * the quota unused (a fleet read under 20 % throttling ran 1.6× its fault-free time; see bench).
 * A throttled attempt waits at most one token of the quota (jittered, under 1/15 s): its token
 * went back to the pacer (not served, not counted by AWS), and the retry's own wait for a token of
 * the pacer is the wait for the quota, so a longer backoff only leaves the next tokens unused (a
 * fleet read under 20 % throttling and 5 % 5xx ran ×1.06 the quota floor with it; issue 16). 5xx
 * and timeouts keep the growing backoff: a failing server is not helped by the next token. Client errors (4xx other than
 * throttling) are never retried.
 */

/** The parts of the SDK's RetryStrategyV2 we implement (typed here to avoid a direct @smithy dependency). */
interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR";
}

export interface ReadRetryOptions {
  maxAttempts: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  /** The longest wait before retrying a throttled attempt (ms); default one token of AWS's 15/s quota. */
  throttleDelayMs?: number;
}

const token = (retryCount: number, delayMs: number): RetryToken => ({
  getRetryCount: () => retryCount,
  getRetryDelay: () => delayMs,
});

export function createReadRetryStrategy(options: ReadRetryOptions) {
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 2000;
  const random = options.random ?? Math.random;
  const throttleDelay = options.throttleDelayMs ?? Math.floor(1000 / 15);
  return {
    mode: "standard" as const,
    async acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
      return token(0, 0);
    },
    async refreshRetryTokenForRetry(previous: RetryToken, error: RetryErrorInfo): Promise<RetryToken> {
      const retry = previous.getRetryCount() + 1;
      // Throwing ends the retries; the SDK then throws the call's own error.
      if (retry >= options.maxAttempts || error.errorType === "CLIENT_ERROR") throw new Error("no retry");
      if (error.errorType === "THROTTLING") return token(retry, Math.floor(random() * throttleDelay));
      return token(retry, Math.floor(random() * Math.min(cap, base * 2 ** retry)));
    },
    recordSuccess(_token: RetryToken): void {},
  };
}
