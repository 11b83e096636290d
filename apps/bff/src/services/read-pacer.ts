import { TokenBucket } from "limiter";
import pLimit, { type LimitFunction } from "p-limit";

/**
 * Paces Cognito reads. AWS allows 15 "user pool read" requests per second per account and region,
 * shared with everything else in the account, and cannot raise it; we stay below it (default 10/s)
 * so other tools keep room. Each HTTP attempt (SDK retries included) takes a token; each logical
 * call also holds one of a bounded number of slots so one fleet read cannot queue unboundedly many
 * sockets. The process uses one set of credentials, hence one account: keyed by region.
 */
export interface ReadPacer {
  /** Waits for a token of the region's bucket (called before every HTTP attempt). */
  takeToken(region: string): Promise<void>;
  /** Runs a whole call (all its attempts) within one of the region's concurrency slots. */
  inSlot<T>(region: string, call: () => Promise<T>): Promise<T>;
}

export interface ReadPacerOptions {
  requestsPerSecond: number;
  maxConcurrency: number;
}

export function createReadPacer(options: ReadPacerOptions): ReadPacer {
  const buckets = new Map<string, TokenBucket>();
  const slots = new Map<string, LimitFunction>();

  function bucketOf(region: string): TokenBucket {
    let bucket = buckets.get(region);
    if (!bucket) {
      // A burst of half a second's worth: at 10/s no one-second window sees more than 15 requests
      // (burst + steady rate), whatever way AWS counts the window.
      bucket = new TokenBucket({
        bucketSize: Math.max(1, Math.ceil(options.requestsPerSecond / 2)),
        tokensPerInterval: options.requestsPerSecond,
        interval: 1000,
      });
      buckets.set(region, bucket);
    }
    return bucket;
  }

  function slotsOf(region: string): LimitFunction {
    let limit = slots.get(region);
    if (!limit) {
      limit = pLimit(options.maxConcurrency);
      slots.set(region, limit);
    }
    return limit;
  }

  return {
    async takeToken(region) {
      await bucketOf(region).removeTokens(1);
    },
    inSlot(region, call) {
      return slotsOf(region)(call);
    },
  };
}
