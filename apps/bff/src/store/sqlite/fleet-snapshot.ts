import type Database from "better-sqlite3";
import {
  type FleetSnapshotStore,
  newestPerPool,
  SNAPSHOT_BATCH,
  SNAPSHOT_CHANGES,
  SNAPSHOT_PURGE,
  SNAPSHOT_SELECT,
  SNAPSHOT_TOMBSTONE,
  STORE_CLOCK,
  type StoredPoolChange,
  type StoredPoolState,
  snapshotParams,
  snapshotUpsert,
} from "../fleet-snapshot.ts";

/** The fleet snapshot in SQLite: one process writes, each batch one transaction. */
export function sqliteFleetSnapshot(db: Database.Database): FleetSnapshotStore {
  const clock = STORE_CLOCK.sqlite;
  const upsert = db.prepare(snapshotUpsert(() => "?", SNAPSHOT_BATCH, clock));
  const upsertOne = db.prepare(snapshotUpsert(() => "?", 1, clock));
  const tombstone = db.prepare(SNAPSHOT_TOMBSTONE((n) => `@p${n}`, clock));
  const purge = db.prepare(SNAPSHOT_PURGE(clock));
  const all = db.prepare(SNAPSHOT_SELECT);
  const changes = db.prepare(SNAPSHOT_CHANGES("?"));
  const now = db.prepare(`SELECT ${clock} AS now`).pluck();
  const put = db.transaction((rows: readonly StoredPoolState[]) => {
    let i = 0;
    for (; i + SNAPSHOT_BATCH <= rows.length; i += SNAPSHOT_BATCH)
      upsert.run(snapshotParams(rows.slice(i, i + SNAPSHOT_BATCH)));
    for (; i < rows.length; i++) upsertOne.run(snapshotParams(rows.slice(i, i + 1)));
  });
  const removeAll = db.transaction(
    (pools: ReadonlyArray<{ accountId: string; poolId: string }>, listedAt: number) => {
      for (const pool of pools) tombstone.run({ p1: pool.accountId, p2: pool.poolId, p3: listedAt });
      purge.run();
    },
  );
  const changedSince = db.transaction((since: number) => {
    const until = now.get() as number;
    const rows = (changes.all(since) as Array<StoredPoolState & { gone: number }>).map(
      (r): StoredPoolChange => ({ ...r, gone: r.gone === 1 }),
    );
    return { rows, until };
  });
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
    async clock() {
      return now.get() as number;
    },
    async changedSince(since) {
      return changedSince(since);
    },
  };
}
