import { describe, expect, it } from "vitest";
import { createReadRetryStrategy } from "../src/aws/read-retry.ts";

/** The delays (ms) the strategy asks for before each retry of one call, and whether it gave up. */
async function delays(
  errorType: "TRANSIENT" | "THROTTLING" | "SERVER_ERROR" | "CLIENT_ERROR",
  maxAttempts: number,
): Promise<{ delays: number[]; gaveUp: boolean }> {
  // random() = 1 - ε: the longest jittered backoff, so a backoff shows as a positive delay.
  const strategy = createReadRetryStrategy({ maxAttempts, random: () => 0.999 });
  let token = await strategy.acquireInitialRetryToken("cognito-idp");
  const seen: number[] = [];
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType });
    } catch {
      return { delays: seen, gaveUp: true };
    }
    seen.push(token.getRetryDelay());
  }
}

describe("read retry strategy", () => {
  it("retries a throttled read after at most one token of the quota (1/15 s), not a growing backoff", async () => {
    expect(await delays("THROTTLING", 5)).toEqual({ delays: [65, 65, 65, 65], gaveUp: true });
  });

  it("backs off 5xx and timeouts with growing, capped jitter", async () => {
    for (const errorType of ["SERVER_ERROR", "TRANSIENT"] as const) {
      const { delays: seen, gaveUp } = await delays(errorType, 5);
      expect(gaveUp).toBe(true);
      expect(seen).toEqual([199, 399, 799, 1598]);
    }
  });

  it("never retries a client error", async () => {
    expect(await delays("CLIENT_ERROR", 5)).toEqual({ delays: [], gaveUp: true });
  });
});
