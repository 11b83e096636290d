/**
 * What the freshness service (features/freshness) must remember across restarts, kept in the store
 * (schema version 16), one time per name, in milliseconds since the epoch:
 * - `events-since:<account>|<region>`: since when the place's events path has been found intact
 *   without a break in between (the first check that found it ready after one that did not). A row
 *   read before it may have missed a change made while the path was broken: events do not keep it.
 * - `sweep-started`, `sweep-completed`: the sweep's progress, so that a console restarted more often
 *   than the sweep's interval still sweeps, and a sweep cut short by a stop resumes rather than
 *   starting over; `first-start`: when freshness first ran (the first sweep is due an interval after).
 * - `fleet-read-started`, `fleet-read-completed`: the last fleet read's start and end
 *   (features/fleet/service.ts): a start after the last end is a read a shutdown or crash cut short,
 *   which the restarted console finishes.
 * - `fleet-listed:<region>`: the end of the last fleet read that listed the region in every account
 *   (its discovery worked, no listing there failed). A region in CLC_REGIONS without one, or with
 *   one older than `fleet-read-completed`, was added or failed since: the restarted console lists
 *   every place at the first list (as it finishes a read cut short), or that region's pools stayed
 *   hidden until the TTL. A store with none at all predates them: its regions count as listed.
 * Both dialects implement it (sqlite/freshness-marks.ts, postgres/freshness-marks.ts).
 */
export interface FreshnessMarkStore {
  /** Every mark, by name. */
  all(): Promise<Map<string, number>>;
  /** Sets the mark unless one of that name exists; answers the mark kept (the existing one, or `at`). */
  setIfAbsent(name: string, at: number): Promise<number>;
  /** Sets the mark, replacing any. */
  set(name: string, at: number): Promise<void>;
  remove(name: string): Promise<void>;
}

export const eventsSinceMark = (accountId: string, region: string) => `events-since:${accountId}|${region}`;
export const SWEEP_STARTED_MARK = "sweep-started";
export const SWEEP_COMPLETED_MARK = "sweep-completed";
export const FIRST_START_MARK = "first-start";
export const FLEET_READ_STARTED_MARK = "fleet-read-started";
export const FLEET_READ_COMPLETED_MARK = "fleet-read-completed";
export const fleetListedMark = (region: string) => `fleet-listed:${region}`;

/** The marks in memory: a console without a store (tests of the API's own logic). */
export function memoryFreshnessMarks(): FreshnessMarkStore {
  const marks = new Map<string, number>();
  return {
    async all() {
      return new Map(marks);
    },
    async setIfAbsent(name, at) {
      const kept = marks.get(name);
      if (kept !== undefined) return kept;
      marks.set(name, at);
      return at;
    },
    async set(name, at) {
      marks.set(name, at);
    },
    async remove(name) {
      marks.delete(name);
    },
  };
}
