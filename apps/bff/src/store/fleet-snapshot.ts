/**
 * The fleet's last known state, kept in the store (schema version 11) so that a restarted console
 * shows the fleet at once, with its age, without a Cognito read (issue 16, "Restart"). One row per
 * (account, pool): the pool's read as the fleet read produced it (features/fleet/service.ts
 * `PoolRead`, as JSON) and when that read started and ended. Both dialects share these statements.
 */

/** One pool's last read, as the store keeps it. Times are milliseconds since the epoch. */
export interface StoredPoolState {
  accountId: string;
  poolId: string;
  region: string;
  /** When the read started: of two reads of one pool, the later-started one is the newer state. */
  startedAt: number;
  readAt: number;
  /** The read (facts, configuration, problems) and the account's name and OU path, as JSON. */
  json: string;
}

export interface FleetSnapshotStore {
  /**
   * Upserts each row in one transaction, unless the row stored for that pool was read later (by
   * `startedAt`; a tie keeps the later `readAt`): with two replicas sharing the store, the newest read
   * of each pool wins whichever replica writes last, and an older read never replaces a newer one.
   */
  put(rows: readonly StoredPoolState[]): Promise<void>;
  /**
   * Deletes pools found gone (deleted in AWS, or their account left the organization), unless a read
   * of the pool that started at or after `listedAt` is stored (another replica saw it since).
   */
  remove(pools: ReadonlyArray<{ accountId: string; poolId: string }>, listedAt: number): Promise<void>;
  /** Every stored row, in no particular order. */
  all(): Promise<StoredPoolState[]>;
}

/** The upsert both dialects run; `p(n)` writes the n-th placeholder (`?` or `$n`). */
export function snapshotUpsert(p: (n: number) => string, rows: number): string {
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    const b = i * 6;
    values.push(`(${p(b + 1)}, ${p(b + 2)}, ${p(b + 3)}, ${p(b + 4)}, ${p(b + 5)}, ${p(b + 6)})`);
  }
  return `INSERT INTO fleet_pool_states (account_id, pool_id, region, started_at, read_at, read_json)
    VALUES ${values.join(", ")}
    ON CONFLICT (account_id, pool_id) DO UPDATE SET
      region = excluded.region, started_at = excluded.started_at, read_at = excluded.read_at,
      read_json = excluded.read_json
    WHERE fleet_pool_states.started_at < excluded.started_at
      OR (fleet_pool_states.started_at = excluded.started_at AND fleet_pool_states.read_at <= excluded.read_at)`;
}

export function snapshotParams(rows: readonly StoredPoolState[]): Array<string | number> {
  return rows.flatMap((r) => [r.accountId, r.poolId, r.region, r.startedAt, r.readAt, r.json]);
}

export const SNAPSHOT_SELECT =
  "SELECT account_id AS accountId, pool_id AS poolId, region, started_at AS startedAt, read_at AS readAt, read_json AS json FROM fleet_pool_states";

/** Rows per statement: SQLite allows 32,766 placeholders, PostgreSQL 65,535; 6 per row. */
export const SNAPSHOT_BATCH = 500;

/**
 * One row per pool, the newest by the upsert's own rule: PostgreSQL refuses a statement that
 * updates one row twice, and a batch may hold two reads of a pool.
 */
export function newestPerPool(rows: readonly StoredPoolState[]): StoredPoolState[] {
  const newest = new Map<string, StoredPoolState>();
  for (const row of rows) {
    const key = `${row.accountId}|${row.poolId}`;
    const kept = newest.get(key);
    if (
      !kept ||
      kept.startedAt < row.startedAt ||
      (kept.startedAt === row.startedAt && kept.readAt <= row.readAt)
    )
      newest.set(key, row);
  }
  return [...newest.values()];
}
