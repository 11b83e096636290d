import type pg from "pg";
import {
  type FleetSnapshotStore,
  newestPerPool,
  SNAPSHOT_BATCH,
  SNAPSHOT_SELECT,
  snapshotParams,
  snapshotUpsert,
} from "../fleet-snapshot.ts";

/**
 * The fleet snapshot in PostgreSQL, shared by replicas. Each batch is one multi-row upsert, which
 * is atomic per row: of two replicas writing one pool at once, the second waits for the first's
 * commit, then its WHERE compares with the row the first wrote, so the later-started read stays.
 */
export function postgresFleetSnapshot(pool: pg.Pool): FleetSnapshotStore {
  return {
    async put(rows) {
      const newest = newestPerPool(rows);
      for (let i = 0; i < newest.length; i += SNAPSHOT_BATCH) {
        const batch = newest.slice(i, i + SNAPSHOT_BATCH);
        await pool.query(
          snapshotUpsert((n) => `$${n}`, batch.length),
          snapshotParams(batch),
        );
      }
    },
    async remove(pools, listedAt) {
      if (pools.length === 0) return;
      await pool.query(
        `DELETE FROM fleet_pool_states AS s USING unnest($1::text[], $2::text[]) AS gone(account_id, pool_id)
         WHERE s.account_id = gone.account_id AND s.pool_id = gone.pool_id AND s.started_at < $3`,
        [pools.map((p) => p.accountId), pools.map((p) => p.poolId), listedAt],
      );
    },
    async all() {
      const { rows } = await pool.query<{
        accountid: string;
        poolid: string;
        region: string;
        startedat: number;
        readat: number;
        json: string;
      }>(SNAPSHOT_SELECT);
      return rows.map((r) => ({
        accountId: r.accountid,
        poolId: r.poolid,
        region: r.region,
        startedAt: Number(r.startedat),
        readAt: Number(r.readat),
        json: r.json,
      }));
    },
  };
}
