import type { LeaseStore } from "../store/types.ts";
import { settlesWithin } from "./settles-within.ts";

/**
 * A lease of a LeaseStore kept while work runs (a batch's runner, the freshness sweep, audit
 * retention; a destination run's claim, over the run store).
 */
export interface KeptLease {
  /**
   * Aborts once the lease may be lost: a renewal was refused (another owner holds it now), or no
   * renewal that worked was sent within two thirds of the lease (they failed, or one hangs). The
   * work stops then, so that two owners never work at once for long.
   */
  readonly lost: AbortSignal;
  /**
   * Stops renewing and gives the lease back, after the renewal under way if there is one (one that
   * answered after the release would take the lease again). Resolves when the lease is given back,
   * or after 2 s whatever happens (a shutdown has 10 s for everything): a renewal or release that
   * hangs longer goes on without the caller, and if it never answers, the lease lapses at its own
   * end. Never rejects: a release that fails leaves the lease to lapse.
   */
  release(): Promise<void>;
}

/** How long a release holds up its caller at most (ms); see KeptLease.release. */
export const RELEASE_WAIT_MS = 2_000;

/**
 * Renews the lease `name`, which `owner` took at `takenAt` (ms since the epoch, the `now` of that
 * take; it holds until takenAt + leaseMs), every `renewEveryMs` (default a sixth of the lease, at
 * most a quarter: two thirds of the lease must see two renewals). One renewal at a time: one that
 * hangs is not joined by more, whose answers could land in any order. A renewal holds from when it
 * was sent, so a late answer does not stretch the time counted.
 *
 * `owner` must name this holding alone (e.g. `<process>:<random>`), not the process: a renewal or
 * release that answers late would otherwise renew or delete the next holding of the same lease by
 * the same process. Throws a RangeError for a leaseMs that is not a positive number.
 */
export function keepLease(options: {
  /** Only takes and releases: a store of claims of another shape can be adapted (creation/runs.ts). */
  store: Pick<LeaseStore, "acquire" | "release">;
  name: string;
  owner: string;
  leaseMs: number;
  takenAt: number;
  renewEveryMs?: number;
  now?: () => number;
  /** Hears about a renewal that failed (the lease is kept until two thirds of it have passed). */
  onRenewError?: (error: unknown) => void;
}): KeptLease {
  if (!(options.leaseMs > 0)) throw new RangeError(`leaseMs must be positive, got ${options.leaseMs}`);
  const now = options.now ?? Date.now;
  const everyMs = Math.min(options.renewEveryMs ?? options.leaseMs / 6, options.leaseMs / 4);
  const lost = new AbortController();
  let heldFrom = options.takenAt;
  let renewing: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (now() - heldFrom >= (options.leaseMs * 2) / 3) lost.abort();
    if (renewing || lost.signal.aborted) return;
    const at = now();
    renewing = options.store
      .acquire(options.name, { owner: options.owner, now: at, until: at + options.leaseMs })
      .then(
        (held) => {
          if (held) heldFrom = Math.max(heldFrom, at);
          else lost.abort();
        },
        (error: unknown) => {
          try {
            options.onRenewError?.(error);
          } catch {
            // A listener that throws must not leave the renewal rejected with nobody to hear it.
          }
        },
      )
      .finally(() => {
        renewing = null;
      });
  }, everyMs);
  timer.unref();
  return {
    lost: lost.signal,
    async release() {
      clearInterval(timer);
      const give = () => options.store.release(options.name, options.owner).catch(() => undefined);
      const pending = renewing;
      // After the renewal under way, so that it cannot take the lease back; the whole of it bounded.
      await settlesWithin(pending === null ? give() : pending.then(give), RELEASE_WAIT_MS);
    },
  };
}
