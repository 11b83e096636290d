import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import {
  type FleetSnapshotStore,
  newestPerPool,
  PURGE_EVERY_MS,
  SNAPSHOT_BATCH,
  SNAPSHOT_CHANGES,
  SNAPSHOT_PURGE,
  SNAPSHOT_SELECT,
  SNAPSHOT_SQL,
  SNAPSHOT_TOMBSTONE,
  type StoredPoolChange,
  type StoredPoolState,
  snapshotParams,
  snapshotUpsert,
} from "../fleet-snapshot.ts";

/** The fleet snapshot in SQLite: one process writes, each batch one transaction. */
export function sqliteFleetSnapshot(db: Database.Database, writer = randomUUID()): FleetSnapshotStore {
  const upsert = db.prepare(snapshotUpsert(() => "?", SNAPSHOT_BATCH, "sqlite", writer));
  const upsertOne = db.prepare(snapshotUpsert(() => "?", 1, "sqlite", writer));
  const tombstone = db.prepare(SNAPSHOT_TOMBSTONE((n) => `@p${n}`, "sqlite", writer));
  const purge = db.prepare(SNAPSHOT_PURGE("sqlite"));
  const all = db.prepare(SNAPSHOT_SELECT);
  const changes = db.prepare(SNAPSHOT_CHANGES("?"));
  const watermark = db.prepare(`SELECT ${SNAPSHOT_SQL.sqlite.watermark} AS next`).pluck();
  let purgedAt = 0;
  const put = db.transaction((rows: readonly StoredPoolState[]) => {
    let i = 0;
    for (; i + SNAPSHOT_BATCH <= rows.length; i += SNAPSHOT_BATCH)
      upsert.run(snapshotParams(rows.slice(i, i + SNAPSHOT_BATCH)));
    for (; i < rows.length; i++) upsertOne.run(snapshotParams(rows.slice(i, i + 1)));
  });
  const removeAll = db.transaction(
    (pools: ReadonlyArray<{ accountId: string; poolId: string }>, listedAt: number) => {
      for (const pool of pools) tombstone.run({ p1: pool.accountId, p2: pool.poolId, p3: listedAt });
      if (Date.now() - purgedAt >= PURGE_EVERY_MS) {
        purge.run();
        purgedAt = Date.now();
      }
    },
  );
  const changedSince = db.transaction((since: number) => {
    const next = watermark.get() as number;
    const rows = (
      changes.all(since) as Array<StoredPoolState & { goneAt: number | null; writtenBy: string | null }>
    ).map(({ goneAt, ...row }): StoredPoolChange => ({ ...row, gone: goneAt !== null }));
    return { rows, next };
  });
  return {
    writer,
    async put(rows) {
      put(newestPerPool(rows));
    },
    async remove(pools, listedAt) {
      removeAll(pools, listedAt);
    },
    async all() {
      return all.all() as StoredPoolState[];
    },
    async watermark() {
      return watermark.get() as number;
    },
    async changedSince(since) {
      return changedSince(since);
    },
  };
}
