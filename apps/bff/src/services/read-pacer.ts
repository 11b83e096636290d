import { TokenBucket } from "limiter";
import { excludingQuotaWait, LANES, type Lane } from "../aws/deadline.ts";

/**
 * Paces Cognito reads. AWS allows 15 "user pool read" requests per second per account and region,
 * shared with everything else in the account, and cannot raise it; we stay below it (default 10/s)
 * so other tools keep room. Each HTTP attempt (SDK retries included) takes a token; each logical
 * call also holds one of a bounded number of slots so one fleet read cannot queue unboundedly many
 * sockets. The process uses one set of credentials, hence one account: keyed by region.
 *
 * Slots are granted by lane, most urgent first (aws/deadline.ts LANES): the reads of an admin's
 * change ("write") go before viewers' reads ("read"), which go before the background fleet read, so
 * neither a fleet read of 1,000 pools nor a viewer's burst of previews makes an admin's change wait
 * for their queue (issue 20). Within a lane, first come first served.
 */
export interface ReadPacer {
  /** Waits for a token of the region's bucket (called before every HTTP attempt). */
  takeToken(region: string): Promise<void>;
  /**
   * Runs a whole call (all its attempts) within one of the region's concurrency slots, granted in
   * lane order. A call whose `signal` aborted while it queued is not run (rejects with the reason);
   * under a background budget the queueing is not counted against it (excludingQuotaWait).
   */
  inSlot<T>(
    region: string,
    call: () => Promise<T>,
    options?: { lane?: Lane; signal?: AbortSignal },
  ): Promise<T>;
}

export interface ReadPacerOptions {
  requestsPerSecond: number;
  maxConcurrency: number;
  /**
   * How many regions keep their state; idle ones beyond it are forgotten (default 32). Reads only
   * go to configured regions, but a region costs memory for good, so no input may grow this map.
   */
  maxRegions?: number;
}

interface Waiter {
  grant(): void;
  signal: AbortSignal | undefined;
  reject(reason: unknown): void;
}

interface RegionState {
  bucket: TokenBucket;
  active: number;
  queues: Record<Lane, Waiter[]>;
}

export function createReadPacer(options: ReadPacerOptions): ReadPacer {
  const maxRegions = options.maxRegions ?? 32;
  const regions = new Map<string, RegionState>();

  function stateOf(region: string): RegionState {
    let state = regions.get(region);
    if (!state) {
      if (regions.size >= maxRegions) forgetIdleRegions();
      state = {
        // A burst of half a second's worth: at 10/s no one-second window sees more than 15 requests
        // (burst + steady rate), whatever way AWS counts the window.
        bucket: new TokenBucket({
          bucketSize: Math.max(1, Math.ceil(options.requestsPerSecond / 2)),
          tokensPerInterval: options.requestsPerSecond,
          interval: 1000,
        }),
        active: 0,
        queues: { write: [], read: [], background: [] },
      };
      regions.set(region, state);
    }
    return state;
  }

  /** Drops regions with nothing running or queued and a full bucket (their state is the initial one). */
  function forgetIdleRegions(): void {
    for (const [region, state] of regions) {
      const queued = LANES.some((lane) => state.queues[lane].length > 0);
      state.bucket.drip();
      if (state.active === 0 && !queued && state.bucket.content >= state.bucket.bucketSize)
        regions.delete(region);
    }
  }

  function next(state: RegionState): Waiter | undefined {
    for (const lane of LANES) {
      const waiter = state.queues[lane].shift();
      if (waiter) return waiter;
    }
    return undefined;
  }

  /** Hands free slots to the most urgent waiters; waiters whose signal aborted are dropped. */
  function dispatch(state: RegionState): void {
    while (state.active < options.maxConcurrency) {
      const waiter = next(state);
      if (!waiter) return;
      if (waiter.signal?.aborted) {
        waiter.reject(waiter.signal.reason);
        continue;
      }
      state.active += 1;
      waiter.grant();
    }
  }

  function acquire(state: RegionState, lane: Lane, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      state.queues[lane].push({ grant: resolve, reject, signal });
      dispatch(state);
    });
  }

  return {
    async takeToken(region) {
      await stateOf(region).bucket.removeTokens(1);
    },
    async inSlot(region, call, { lane = "read", signal } = {}) {
      const state = stateOf(region);
      const slot = acquire(state, lane, signal);
      await (signal ? excludingQuotaWait(signal, slot) : slot);
      try {
        return await call();
      } finally {
        state.active -= 1;
        dispatch(state);
      }
    },
  };
}
