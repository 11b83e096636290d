import type Database from "better-sqlite3";
import {
  type FleetSnapshotStore,
  newestPerPool,
  SNAPSHOT_BATCH,
  SNAPSHOT_SELECT,
  type StoredPoolState,
  snapshotParams,
  snapshotUpsert,
} from "../fleet-snapshot.ts";

/** The fleet snapshot in SQLite: one process writes, each batch one transaction. */
export function sqliteFleetSnapshot(db: Database.Database): FleetSnapshotStore {
  const upsert = db.prepare(snapshotUpsert(() => "?", SNAPSHOT_BATCH));
  const upsertOne = db.prepare(snapshotUpsert(() => "?", 1));
  const remove = db.prepare(
    "DELETE FROM fleet_pool_states WHERE account_id = ? AND pool_id = ? AND started_at < ?",
  );
  const all = db.prepare(SNAPSHOT_SELECT);
  const put = db.transaction((rows: readonly StoredPoolState[]) => {
    let i = 0;
    for (; i + SNAPSHOT_BATCH <= rows.length; i += SNAPSHOT_BATCH)
      upsert.run(snapshotParams(rows.slice(i, i + SNAPSHOT_BATCH)));
    for (; i < rows.length; i++) upsertOne.run(snapshotParams(rows.slice(i, i + 1)));
  });
  const removeAll = db.transaction(
    (pools: ReadonlyArray<{ accountId: string; poolId: string }>, listedAt: number) => {
      for (const pool of pools) remove.run(pool.accountId, pool.poolId, listedAt);
    },
  );
  return {
    async put(rows) {
      put(newestPerPool(rows));
    },
    async remove(pools, listedAt) {
      removeAll(pools, listedAt);
    },
    async all() {
      return all.all() as StoredPoolState[];
    },
  };
}
