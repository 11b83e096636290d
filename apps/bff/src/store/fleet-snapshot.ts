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

/** A row as changedSince() gives it: a stored read, or a tombstone (`gone`) of a pool found gone. */
export interface StoredPoolChange extends StoredPoolState {
  /**
   * The pool was found gone; `startedAt` is then the listing that found it so: a read started
   * before it is older news than the deletion.
   */
  gone: boolean;
}

/** How long a tombstone is kept (ms): a replica that has not pulled for longer reloads whole. */
export const TOMBSTONE_KEPT_MS = 7 * 24 * 3600 * 1000;

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
  /** Every stored row of a pool not found gone, in no particular order. */
  all(): Promise<StoredPoolState[]>;
  /**
   * The store's clock (ms since the epoch), which stamps each write: the watermark of changedSince.
   * The database's, so that the replicas' own clocks need not agree.
   */
  clock(): Promise<number>;
  /**
   * Rows written (put, or turned into tombstones by remove) at or after `since` by the store's clock,
   * tombstones included, and the clock taken just before they were selected (`until`). A replica
   * asks again from a little before `until` (a write stamped before `until` may commit after the
   * select), and applies what it gets by the upsert's own rule, so a row seen twice is harmless.
   */
  changedSince(since: number): Promise<{ rows: StoredPoolChange[]; until: number }>;
}

/** The store's clock in ms, as SQL of each dialect. */
export const STORE_CLOCK = {
  sqlite: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
  postgres: "(extract(epoch from clock_timestamp()) * 1000)::bigint",
} as const;

/**
 * The upsert both dialects run; `p(n)` writes the n-th placeholder (`?` or `$n`), `clock` is the
 * dialect's STORE_CLOCK. A newer read replaces a tombstone too (the pool is back, or was never gone).
 */
export function snapshotUpsert(p: (n: number) => string, rows: number, clock: string): string {
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    const b = i * 6;
    values.push(
      `(${p(b + 1)}, ${p(b + 2)}, ${p(b + 3)}, ${p(b + 4)}, ${p(b + 5)}, ${p(b + 6)}, ${clock}, 0)`,
    );
  }
  return `INSERT INTO fleet_pool_states (account_id, pool_id, region, started_at, read_at, read_json, written_at, gone)
    VALUES ${values.join(", ")}
    ON CONFLICT (account_id, pool_id) DO UPDATE SET
      region = excluded.region, started_at = excluded.started_at, read_at = excluded.read_at,
      read_json = excluded.read_json, written_at = excluded.written_at, gone = 0
    WHERE fleet_pool_states.started_at < excluded.started_at
      OR (fleet_pool_states.started_at = excluded.started_at AND fleet_pool_states.read_at <= excluded.read_at)`;
}

export function snapshotParams(rows: readonly StoredPoolState[]): Array<string | number> {
  return rows.flatMap((r) => [r.accountId, r.poolId, r.region, r.startedAt, r.readAt, r.json]);
}

const COLUMNS =
  "account_id AS accountId, pool_id AS poolId, region, started_at AS startedAt, read_at AS readAt, read_json AS json";

/** Every row not found gone (all()). */
export const SNAPSHOT_SELECT = `SELECT ${COLUMNS} FROM fleet_pool_states WHERE gone = 0`;

/** The rows written at or after the first placeholder (changedSince()), tombstones included. */
export const SNAPSHOT_CHANGES = (p: string) =>
  `SELECT ${COLUMNS}, gone FROM fleet_pool_states WHERE written_at >= ${p}`;

/**
 * Turns a pool's row into a tombstone (remove()): placeholders are account, pool, and the listing's
 * start, which becomes the tombstone's `started_at`, so a read older than the listing written later
 * does not bring the pool back. A row read at or after the listing stays (another replica saw it).
 */
export const SNAPSHOT_TOMBSTONE = (p: (n: number) => string, clock: string) =>
  `UPDATE fleet_pool_states SET gone = 1, started_at = ${p(3)}, read_at = ${p(3)}, read_json = '{}', written_at = ${clock}
    WHERE account_id = ${p(1)} AND pool_id = ${p(2)} AND started_at < ${p(3)} AND gone = 0`;

/** Drops tombstones older than TOMBSTONE_KEPT_MS (run with each remove()). */
export const SNAPSHOT_PURGE = (clock: string) =>
  `DELETE FROM fleet_pool_states WHERE gone = 1 AND written_at < ${clock} - ${TOMBSTONE_KEPT_MS}`;

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
