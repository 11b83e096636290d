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
  /** The store instance (FleetSnapshotStore.writer) that wrote it: a replica skips its own. */
  writtenBy: string | null;
}

/**
 * How long a tombstone is kept (ms, by the store's clock). A replica that could not pull for longer
 * may keep showing a pool deleted meanwhile until its next full read or sweep.
 */
export const TOMBSTONE_KEPT_MS = 7 * 24 * 3600 * 1000;

export interface FleetSnapshotStore {
  /**
   * This store instance's name on the rows it writes (a UUID per process): a replica following the
   * others skips its own writes, which its memory already holds (newer, if it judged them again).
   */
  readonly writer: string;
  /**
   * Upserts each row in one transaction, unless the row stored for that pool was read later (by
   * `startedAt`; a tie keeps the later `readAt`): with two replicas sharing the store, the newest read
   * of each pool wins whichever replica writes last, and an older read never replaces a newer one.
   */
  put(rows: readonly StoredPoolState[]): Promise<void>;
  /**
   * Marks pools found gone (deleted in AWS, or their account left the organization) with a
   * tombstone, unless a read of the pool that started at or after `listedAt` is stored (another
   * replica saw it since). Tombstones older than TOMBSTONE_KEPT_MS are purged (at most hourly).
   */
  remove(pools: ReadonlyArray<{ accountId: string; poolId: string }>, listedAt: number): Promise<void>;
  /** Every stored row of a pool not found gone, in no particular order. */
  all(): Promise<StoredPoolState[]>;
  /**
   * Where a replica that is about to load all() starts following the others (changedSince): every
   * write not yet visible to that load is at or after it.
   */
  watermark(): Promise<number>;
  /**
   * The rows written (put, or turned into tombstones by remove) at or after `watermark`, tombstones
   * included, and the watermark to ask from next. Every write that was not visible to this answer is
   * at or after `next`, however late it commits (PostgreSQL: writes are ordered by transaction id,
   * and `next` is the oldest transaction still running; SQLite, one process: its clock less 5 s).
   * A row may come in two answers: the follower applies them by the upsert's own rule.
   */
  changedSince(watermark: number): Promise<{ rows: StoredPoolChange[]; next: number }>;
}

/** Per dialect: what orders writes for changedSince, the store's clock (ms), and the next watermark. */
export const SNAPSHOT_SQL = {
  sqlite: {
    seq: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
    clock: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
    watermark: "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) - 5000",
  },
  postgres: {
    // The writing transaction's id, and the oldest one still running: the outbox's rule, so a
    // write whose commit comes late is never passed over.
    seq: "pg_current_xact_id()::text::bigint",
    clock: "(extract(epoch from clock_timestamp()) * 1000)::bigint",
    watermark: "pg_snapshot_xmin(pg_current_snapshot())::text::bigint",
  },
} as const;
type Dialect = keyof typeof SNAPSHOT_SQL;

/**
 * The upsert both dialects run; `p(n)` writes the n-th placeholder (`?` or `$n`). A newer read
 * replaces a tombstone too (the pool is back, or was never gone).
 */
export function snapshotUpsert(
  p: (n: number) => string,
  rows: number,
  dialect: Dialect,
  writer: string,
): string {
  const values: string[] = [];
  for (let i = 0; i < rows; i++) {
    const b = i * 6;
    values.push(
      `(${p(b + 1)}, ${p(b + 2)}, ${p(b + 3)}, ${p(b + 4)}, ${p(b + 5)}, ${p(b + 6)}, ${SNAPSHOT_SQL[dialect].seq}, NULL, ${writerLiteral(writer)})`,
    );
  }
  return `INSERT INTO fleet_pool_states (account_id, pool_id, region, started_at, read_at, read_json, written_seq, gone_at, written_by)
    VALUES ${values.join(", ")}
    ON CONFLICT (account_id, pool_id) DO UPDATE SET
      region = excluded.region, started_at = excluded.started_at, read_at = excluded.read_at,
      read_json = excluded.read_json, written_seq = excluded.written_seq, gone_at = NULL,
      written_by = excluded.written_by
    WHERE fleet_pool_states.started_at < excluded.started_at
      OR (fleet_pool_states.started_at = excluded.started_at AND fleet_pool_states.read_at <= excluded.read_at)`;
}

/**
 * The writer's name as an SQL literal: a UUID only (checked), so it can stand in the statement
 * (SQLite's positional placeholders cannot repeat one value per row).
 */
export function writerLiteral(writer: string): string {
  if (!/^[0-9a-f-]{36}$/.test(writer)) throw new Error(`not a writer id: ${writer}`);
  return `'${writer}'`;
}

export function snapshotParams(rows: readonly StoredPoolState[]): Array<string | number> {
  return rows.flatMap((r) => [r.accountId, r.poolId, r.region, r.startedAt, r.readAt, r.json]);
}

const COLUMNS =
  "account_id AS accountId, pool_id AS poolId, region, started_at AS startedAt, read_at AS readAt, read_json AS json";

/** Every row not found gone (all()). */
export const SNAPSHOT_SELECT = `SELECT ${COLUMNS} FROM fleet_pool_states WHERE gone_at IS NULL`;

/** The rows written at or after the placeholder (changedSince()), tombstones included. */
export const SNAPSHOT_CHANGES = (p: string) =>
  `SELECT ${COLUMNS}, gone_at AS goneAt, written_by AS writtenBy FROM fleet_pool_states WHERE written_seq >= ${p}`;

/**
 * Turns a pool's row into a tombstone (remove()): placeholders are account, pool, and the listing's
 * start, which becomes the tombstone's `started_at`, so a read older than the listing written later
 * does not bring the pool back. A row read at or after the listing stays (another replica saw it).
 */
export const SNAPSHOT_TOMBSTONE = (p: (n: number) => string, dialect: Dialect, writer: string) =>
  `UPDATE fleet_pool_states SET gone_at = ${SNAPSHOT_SQL[dialect].clock}, started_at = ${p(3)}, read_at = ${p(3)},
      read_json = '{}', written_seq = ${SNAPSHOT_SQL[dialect].seq}, written_by = ${writerLiteral(writer)}
    WHERE account_id = ${p(1)} AND pool_id = ${p(2)} AND started_at < ${p(3)} AND gone_at IS NULL`;

/** Drops tombstones older than TOMBSTONE_KEPT_MS. */
export const SNAPSHOT_PURGE = (dialect: Dialect) =>
  `DELETE FROM fleet_pool_states WHERE gone_at IS NOT NULL AND gone_at < ${SNAPSHOT_SQL[dialect].clock} - ${TOMBSTONE_KEPT_MS}`;

/** How often a store purges old tombstones (ms): with a remove(), at most this often. */
export const PURGE_EVERY_MS = 3600 * 1000;

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
