/**
 * The sign-in throttle's arithmetic, shared by both stores: each store only has to read the keys'
 * rows and write the result in one serialized step (see ThrottleStore.reserve).
 */
import type { ThrottleDecision, ThrottlePolicy } from "./types.ts";

export interface ThrottleRow {
  readonly attempts: number;
  readonly strikes: number;
  /** Ms since the epoch; null when the key is not locked. */
  readonly lockedUntil: number | null;
  readonly lastAt: number;
}

/** The key's state now: a key idle for its window (and not locked) starts from nothing. */
function current(row: ThrottleRow | undefined, now: number, policy: ThrottlePolicy): ThrottleRow {
  const locked = row?.lockedUntil != null && row.lockedUntil > now;
  // Idle means no attempt AND no lock for a whole window, so growing locks outlast the window.
  const idleSince = Math.max(row?.lastAt ?? 0, row?.lockedUntil ?? 0);
  if (!row || (!locked && idleSince + policy.windowMs <= now))
    return { attempts: 0, strikes: 0, lockedUntil: null, lastAt: now };
  return row;
}

/**
 * Given each key's stored row (undefined: none), the decision and the rows to write. When any key
 * is locked or out of attempts nothing is counted, and a key that just ran out is locked.
 */
export function decideReserve(
  keys: ReadonlyArray<{ key: string; policy: ThrottlePolicy; row: ThrottleRow | undefined }>,
  now: number,
): { decision: ThrottleDecision; writes: Array<{ key: string; row: ThrottleRow }> } {
  const states = keys.map(({ key, policy, row }) => ({ key, policy, row: current(row, now, policy) }));
  const locks: Array<{ key: string; row: ThrottleRow }> = [];
  let retryAfterMs = 0;
  for (const { key, policy, row } of states) {
    if (row.lockedUntil != null && row.lockedUntil > now) {
      retryAfterMs = Math.max(retryAfterMs, row.lockedUntil - now);
    } else if (row.attempts >= policy.maxFailures) {
      // Out of attempts: lock, each lock twice as long as the one before (up to maxLockMs), and
      // leave one attempt for when it ends.
      const lockMs = Math.min(policy.maxLockMs ?? policy.lockMs, policy.lockMs * 2 ** row.strikes);
      locks.push({
        key,
        row: {
          attempts: policy.maxFailures - 1,
          strikes: row.strikes + 1,
          lockedUntil: now + lockMs,
          lastAt: now,
        },
      });
      retryAfterMs = Math.max(retryAfterMs, lockMs);
    }
  }
  if (retryAfterMs > 0) return { decision: { allowed: false, retryAfterMs }, writes: locks };
  return {
    decision: { allowed: true },
    writes: states.map(({ key, row }) => ({ key, row: { ...row, attempts: row.attempts + 1, lastAt: now } })),
  };
}
