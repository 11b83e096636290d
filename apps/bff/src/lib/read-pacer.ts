import { setTimeout as delay } from "node:timers/promises";
import { TokenBucket } from "limiter";
import { excludingQuotaWait, LANES, type Lane, raceSignal } from "../aws/deadline.ts";
import type { ReadBudgetStore } from "../store/types.ts";

/**
 * Paces Cognito reads. AWS allows 15 "user pool read" requests per second per account and region,
 * shared with everything else in the account, and cannot raise it; we stay below it (default 10/s)
 * so other tools keep room. Each HTTP attempt (SDK retries included) takes a token; each logical
 * call also holds one of a bounded number of slots so one fleet read cannot queue unboundedly many
 * sockets. AWS counts the quota per account and region: the pacer is keyed by a place, the region
 * alone for the console's own account, `account:region` for another (scopedPacer), so different
 * accounts and regions read in parallel, each at its own rate (issue 14).
 *
 * Several replicas (DATABASE_URL) read the same account: each attempt then also takes a token of
 * the region's bucket in the database (`shared`, same rate and burst), so together they keep the
 * rate one process keeps. The local bucket still orders the process's own waiters by lane.
 *
 * Slots and tokens are granted by lane, most urgent first (aws/deadline.ts LANES): the reads of an
 * admin's change ("write") go before viewers' reads ("read"), which go before the background fleet
 * read, so neither a fleet read of 1,000 pools nor a viewer's burst of previews makes an admin's
 * change wait for their queue (issue 20). Within a lane, first come first served.
 */
export interface ReadPacer {
  /**
   * Waits for a token of the region's bucket (called before every HTTP attempt), in the lane of the
   * call that `signal` belongs to (see inSlot; "read" if unknown). Rejects with the signal's reason
   * if it aborts first, and then takes no token.
   */
  takeToken(region: string, signal?: AbortSignal): Promise<void>;
  /**
   * Gives back the token of an attempt AWS refused (throttled, or failed with a 5xx): a refused
   * request is not served, so it does not use the quota, and its retry need not wait for a new
   * token on top of its backoff. Without this, a fleet read under 20 % throttling and 5 % 5xx ran
   * 1.4 × the quota floor (bench); the retry backoff and attempt cap still bound the retries.
   */
  giveBackToken(region: string): void;
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
  /** The budget the replicas share (PostgreSQL); without it this process's bucket is the whole budget. */
  shared?: ReadBudgetStore;
  /** Where a failure of the shared budget is reported (the read then goes on, paced locally). */
  onSharedError?: (error: unknown) => void;
  /**
   * The shared budget's name before `:<place>` (default `cognito-read`): a pacer of another quota
   * (the batches' writes, `cognito-write`) keeps buckets of its own.
   */
  budgetName?: string;
}

/** The burst of a bucket at `requestsPerSecond`: half a second's worth (see stateOf). */
const burstOf = (requestsPerSecond: number) => Math.max(1, Math.ceil(requestsPerSecond / 2));

interface Waiter {
  grant(): void;
  signal: AbortSignal | undefined;
  reject(reason: unknown): void;
}

type Queues = Record<Lane, Waiter[]>;

interface RegionState {
  bucket: TokenBucket;
  active: number;
  slotQueues: Queues;
  tokenQueues: Queues;
  /** The timer that grants the next token once the bucket has one; null when nobody waits. */
  tokenTimer: ReturnType<typeof setTimeout> | null;
}

const emptyQueues = (): Queues => ({ write: [], read: [], background: [] });

/** The most urgent waiter whose signal has not aborted; aborted ones are rejected on the way. */
function nextWaiter(queues: Queues): Waiter | undefined {
  for (const lane of LANES) {
    const queue = queues[lane];
    while (queue.length > 0) {
      const waiter = queue.shift() as Waiter;
      if (!waiter.signal?.aborted) return waiter;
      waiter.reject(waiter.signal.reason);
    }
  }
  return undefined;
}

function waitIn(queues: Queues, lane: Lane, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((grant, reject) => {
    queues[lane].push({ grant, reject, signal });
  });
}

export function createReadPacer(options: ReadPacerOptions): ReadPacer {
  const maxRegions = options.maxRegions ?? 32;
  const regions = new Map<string, RegionState>();
  /** The lane of each call under way, by the abort signal its attempts carry. */
  const laneOfSignal = new WeakMap<AbortSignal, Lane>();

  function stateOf(region: string): RegionState {
    let state = regions.get(region);
    if (!state) {
      if (regions.size >= maxRegions) forgetIdleRegions();
      // A burst of half a second's worth: at 10/s no one-second window sees more than 15 requests
      // (burst + steady rate), whatever way AWS counts the window. It starts full (limiter's start
      // empty), as a bucket left idle would be: the first half second is not lost.
      const bucket = new TokenBucket({
        bucketSize: burstOf(options.requestsPerSecond),
        tokensPerInterval: options.requestsPerSecond,
        interval: 1000,
      });
      bucket.content = bucket.bucketSize;
      state = {
        bucket,
        active: 0,
        slotQueues: emptyQueues(),
        tokenQueues: emptyQueues(),
        tokenTimer: null,
      };
      regions.set(region, state);
    }
    return state;
  }

  /**
   * Drops regions with nothing running or waiting and a full bucket: a new bucket starts full, so
   * forgetting one changes nothing.
   */
  function forgetIdleRegions(): void {
    for (const [region, state] of regions) {
      const waiting = LANES.some((l) => state.slotQueues[l].length > 0 || state.tokenQueues[l].length > 0);
      state.bucket.drip();
      if (state.active === 0 && !waiting && state.bucket.content >= state.bucket.bucketSize)
        regions.delete(region);
    }
  }

  /** Hands free slots to the most urgent waiters. */
  function dispatchSlots(state: RegionState): void {
    while (state.active < options.maxConcurrency) {
      const waiter = nextWaiter(state.slotQueues);
      if (!waiter) return;
      state.active += 1;
      waiter.grant();
    }
  }

  /** Hands the bucket's tokens to the most urgent waiters; sleeps until the next token otherwise. */
  function dispatchTokens(state: RegionState): void {
    if (state.tokenTimer) clearTimeout(state.tokenTimer);
    state.tokenTimer = null;
    for (;;) {
      if (!LANES.some((l) => state.tokenQueues[l].length > 0)) return;
      if (!state.bucket.tryRemoveTokens(1)) {
        state.tokenTimer = setTimeout(() => dispatchTokens(state), Math.max(1, state.bucket.getWaitTime(1)));
        return;
      }
      const waiter = nextWaiter(state.tokenQueues);
      if (!waiter) {
        // Every waiter had given up: the token was not used.
        giveBack(state);
        return;
      }
      waiter.grant();
    }
  }

  function giveBack(state: RegionState): void {
    state.bucket.drip();
    state.bucket.content = Math.min(state.bucket.bucketSize, state.bucket.content + 1);
  }

  const budgetName = (region: string) => `${options.budgetName ?? "cognito-read"}:${region}`;

  /**
   * Waits for a token of the shared budget, asking again when the database says one is due. The
   * wait ends with the call's signal (its deadline). A database that fails is reported and the read
   * goes on, paced by this process alone: an outage of the database must not stop every read.
   */
  async function takeShared(shared: ReadBudgetStore, region: string, signal?: AbortSignal): Promise<void> {
    const bucket = { ratePerSecond: options.requestsPerSecond, burst: burstOf(options.requestsPerSecond) };
    for (;;) {
      signal?.throwIfAborted();
      let wait: number;
      try {
        // Under the call's signal: a database that answers late (every connection busy: up to the
        // store's 10 s connect timeout) must not outlast the call's deadline.
        const taking = shared.take(budgetName(region), bucket);
        wait = await (signal ? raceSignal(taking, signal) : taking);
      } catch (error) {
        // The call's deadline ended the wait: the call ends, it is not a failure of the budget.
        if (signal?.aborted) throw signal.reason;
        options.onSharedError?.(error);
        return;
      }
      if (wait <= 0) return;
      await delay(wait, undefined, signal ? { signal } : {});
    }
  }

  return {
    async takeToken(region, signal) {
      const state = stateOf(region);
      const wait = waitIn(state.tokenQueues, (signal && laneOfSignal.get(signal)) ?? "read", signal);
      dispatchTokens(state);
      await wait;
      if (options.shared) await takeShared(options.shared, region, signal);
    },
    giveBackToken(region) {
      options.shared
        ?.giveBack(budgetName(region), burstOf(options.requestsPerSecond))
        .catch((error: unknown) => {
          options.onSharedError?.(error);
        });
      const state = regions.get(region);
      if (!state) return;
      giveBack(state);
      dispatchTokens(state);
    },
    async inSlot(region, call, { lane = "read", signal } = {}) {
      const state = stateOf(region);
      if (signal) laneOfSignal.set(signal, lane);
      const slot = waitIn(state.slotQueues, lane, signal);
      dispatchSlots(state);
      await (signal ? excludingQuotaWait(signal, slot) : slot);
      try {
        return await call();
      } finally {
        state.active -= 1;
        dispatchSlots(state);
      }
    },
  };
}

/**
 * The pacer of another account's reads: the same pacer, keyed by `account:region`, so each
 * (account, region) has its own bucket, slots and shared budget (`cognito-read:account:region`).
 */
export function scopedPacer(pacer: ReadPacer, accountId: string): ReadPacer {
  const place = (region: string) => `${accountId}:${region}`;
  return {
    takeToken: (region, signal) => pacer.takeToken(place(region), signal),
    giveBackToken: (region) => pacer.giveBackToken(place(region)),
    inSlot: (region, call, options) => pacer.inSlot(place(region), call, options),
  };
}
