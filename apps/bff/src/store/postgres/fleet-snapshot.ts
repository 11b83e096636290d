import type pg from "pg";
import {
  type FleetSnapshotStore,
  newestPerPool,
  SNAPSHOT_BATCH,
  SNAPSHOT_CHANGES,
  SNAPSHOT_PURGE,
  SNAPSHOT_SELECT,
  STORE_CLOCK,
  type StoredPoolChange,
  snapshotParams,
  snapshotUpsert,
} from "../fleet-snapshot.ts";

interface Row {
  accountid: string;
  poolid: string;
  region: string;
  startedat: string | number;
  readat: string | number;
  json: string;
  gone?: number;
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
export function postgresFleetSnapshot(pool: pg.Pool): FleetSnapshotStore {
  const clock = STORE_CLOCK.postgres;
  return {
    async put(rows) {
      const newest = newestPerPool(rows);
      for (let i = 0; i < newest.length; i += SNAPSHOT_BATCH) {
        const batch = newest.slice(i, i + SNAPSHOT_BATCH);
        await pool.query(
          snapshotUpsert((n) => `$${n}`, batch.length, clock),
          snapshotParams(batch),
        );
      }
    },
    async remove(pools, listedAt) {
      if (pools.length === 0) return;
      // One statement for every pool (SNAPSHOT_TOMBSTONE's rule, over unnest), then the purge.
      await pool.query(
        `UPDATE fleet_pool_states AS s SET gone = 1, started_at = $3, read_at = $3, read_json = '{}', written_at = ${clock}
         FROM unnest($1::text[], $2::text[]) AS gone(account_id, pool_id)
         WHERE s.account_id = gone.account_id AND s.pool_id = gone.pool_id AND s.started_at < $3 AND s.gone = 0`,
        [pools.map((p) => p.accountId), pools.map((p) => p.poolId), listedAt],
      );
      await pool.query(SNAPSHOT_PURGE(clock));
    },
    async all() {
      const { rows } = await pool.query<Row>(SNAPSHOT_SELECT);
      return rows.map(fromRow);
    },
    async clock() {
      const { rows } = await pool.query<{ now: string }>(`SELECT ${clock} AS now`);
      return Number(rows[0]?.now);
    },
    async changedSince(since) {
      // The clock first: a row stamped after it is in this answer or the next one's.
      const { rows: clockRows } = await pool.query<{ now: string }>(`SELECT ${clock} AS now`);
      const { rows } = await pool.query<Row>(SNAPSHOT_CHANGES("$1"), [since]);
      return {
        rows: rows.map((r): StoredPoolChange => ({ ...fromRow(r), gone: Number(r.gone) === 1 })),
        until: Number(clockRows[0]?.now),
      };
    },
  };
}
