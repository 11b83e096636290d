import { randomUUID } from "node:crypto";
import type pg from "pg";
import {
  type FleetSnapshotStore,
  newestPerPool,
  PURGE_EVERY_MS,
  SNAPSHOT_BATCH,
  SNAPSHOT_CHANGES,
  SNAPSHOT_PURGE,
  SNAPSHOT_SELECT,
  SNAPSHOT_SQL,
  type StoredPoolChange,
  snapshotParams,
  snapshotUpsert,
  writerLiteral,
} from "../fleet-snapshot.ts";

/** A pull's statements end after this (ms); the follower abandons a pull after 15 s. */
const PULL_STATEMENT_TIMEOUT_MS = 10_000;

interface Row {
  accountid: string;
  poolid: string;
  region: string;
  startedat: string | number;
  readat: string | number;
  json: string;
  goneat?: string | number | null;
  writtenby?: string | null;
}

const fromRow = (r: Row) => ({
  accountId: r.accountid,
  poolId: r.poolid,
  region: r.region,
  startedAt: Number(r.startedat),
  readAt: Number(r.readat),
  json: r.json,
});

/**
 * The fleet snapshot in PostgreSQL, shared by replicas. Each batch is one multi-row upsert, which
 * is atomic per row: of two replicas writing one pool at once, the second waits for the first's
 * commit, then its WHERE compares with the row the first wrote, so the later-started read stays.
 */
export function postgresFleetSnapshot(pool: pg.Pool, writer = randomUUID()): FleetSnapshotStore {
  const sql = SNAPSHOT_SQL.postgres;
  const watermark = async () => {
    const { rows } = await pool.query<{ next: string }>(`SELECT ${sql.watermark} AS next`);
    return Number(rows[0]?.next);
  };
  let purgedAt = 0;
  return {
    writer,
    async put(rows) {
      const newest = newestPerPool(rows);
      for (let i = 0; i < newest.length; i += SNAPSHOT_BATCH) {
        const batch = newest.slice(i, i + SNAPSHOT_BATCH);
        await pool.query(
          snapshotUpsert((n) => `$${n}`, batch.length, "postgres", writer),
          snapshotParams(batch),
        );
      }
    },
    async remove(pools, listedAt) {
      if (pools.length === 0) return;
      // One statement for every pool (SNAPSHOT_TOMBSTONE's rule, over unnest).
      await pool.query(
        `UPDATE fleet_pool_states AS s SET gone_at = ${sql.clock}, started_at = $3, read_at = $3,
           read_json = '{}', written_seq = ${sql.seq}, written_by = ${writerLiteral(writer)}
         FROM unnest($1::text[], $2::text[]) AS gone(account_id, pool_id)
         WHERE s.account_id = gone.account_id AND s.pool_id = gone.pool_id AND s.started_at < $3
           AND s.gone_at IS NULL`,
        [pools.map((p) => p.accountId), pools.map((p) => p.poolId), listedAt],
      );
      if (Date.now() - purgedAt >= PURGE_EVERY_MS) {
        purgedAt = Date.now();
        await pool.query(SNAPSHOT_PURGE("postgres"));
      }
    },
    async all() {
      const { rows } = await pool.query<Row>(SNAPSHOT_SELECT);
      return rows.map(fromRow);
    },
    watermark,
    async changedSince(since) {
      // Bounded by the database too: a pull the follower gave up on must not hold a connection.
      const client = await pool.connect();
      let next: number;
      let rows: Row[];
      try {
        await client.query("BEGIN READ ONLY");
        await client.query(`SET LOCAL statement_timeout = ${PULL_STATEMENT_TIMEOUT_MS}`);
        // The watermark first: a write not visible to the select below belongs to a transaction
        // still running now, whose id is at or after it.
        const marked = await client.query<{ next: string }>(`SELECT ${sql.watermark} AS next`);
        next = Number(marked.rows[0]?.next);
        rows = (await client.query<Row>(SNAPSHOT_CHANGES("$1"), [since])).rows;
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      return {
        rows: rows.map(
          (r): StoredPoolChange => ({
            ...fromRow(r),
            gone: r.goneat != null,
            writtenBy: r.writtenby ?? null,
          }),
        ),
        next,
      };
    },
  };
}
