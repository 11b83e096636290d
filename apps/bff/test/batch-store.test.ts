/**
 * The batches' store (migration 11) keeps the same promises on SQLite and PostgreSQL: a batch and its
 * pools are inserted together, a status moves only from the states named, a pool ends once, and a
 * cancel ends only the pools still pending. Two connections play two replicas.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { StoredBatch, StoredBatchItem, Stores } from "../src/store/types.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

const batch: StoredBatch = {
  id: "6f1c2c1e-0d6a-4b8e-9a57-3d0f1e2a3b4c",
  title: "Three pools",
  status: "planned",
  createdBy: "alice",
  createdAt: 1_000,
  updatedAt: 1_000,
  startedAt: null,
  finishedAt: null,
  warningsAcknowledged: false,
};
const item = (seq: number, state = "pending"): StoredBatchItem => ({
  batchId: batch.id,
  seq,
  state,
  message: null,
  auditId: null,
  finishedAt: null,
  plan: JSON.stringify({ poolId: `us-east-1_Pool${seq}` }),
});

describe.each(BACKENDS)("batches on the $name store", (backend) => {
  let database: FreshDatabase | undefined;
  const opened: Stores[] = [];
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    await database?.dispose();
  });

  it.skipIf(backend.skip !== null)(
    "keeps a batch and its pools, moves each once, and cancels only what is pending",
    async () => {
      database = await backend.fresh();
      const [a, b] = await Promise.all([database.open(), database.open()]);
      opened.push(a, b);
      await a.batches.create(batch, [item(0), item(1), item(2, "skipped")]);
      expect(await b.batches.get(batch.id)).toEqual(batch);
      expect((await b.batches.items(batch.id)).map((i) => [i.seq, i.state])).toEqual([
        [0, "pending"],
        [1, "pending"],
        [2, "skipped"],
      ]);

      // Of two replicas starting it at once, one moves it.
      const starts = await Promise.all(
        [a, b].map((s) =>
          s.batches.transition(batch.id, ["planned"], {
            status: "running",
            updatedAt: 2_000,
            startedAt: 2_000,
            warningsAcknowledged: true,
          }),
        ),
      );
      expect(starts.filter(Boolean)).toHaveLength(1);
      expect(await a.batches.get(batch.id)).toMatchObject({
        status: "running",
        startedAt: 2_000,
        warningsAcknowledged: true,
      });

      // A pool is started once and ended once.
      expect(await a.batches.startItem(batch.id, 0)).toBe(true);
      expect(await b.batches.startItem(batch.id, 0)).toBe(false);
      const end = { state: "done", message: "Applied", auditId: "7", finishedAt: 3_000 };
      expect(await a.batches.finishItem(batch.id, 0, end)).toBe(true);
      expect(await b.batches.finishItem(batch.id, 0, { ...end, state: "failed" })).toBe(false);

      // Cancel: only the pending pool ends cancelled.
      expect(
        await b.batches.transition(batch.id, ["running", "paused"], {
          status: "cancelled",
          updatedAt: 4_000,
          finishedAt: 4_000,
        }),
      ).toBe(true);
      expect(
        await a.batches.endPending(batch.id, { state: "cancelled", message: "Cancelled", finishedAt: 4_000 }),
      ).toBe(1);
      expect((await a.batches.items(batch.id)).map((i) => [i.seq, i.state, i.auditId])).toEqual([
        [0, "done", "7"],
        [1, "cancelled", null],
        [2, "skipped", null],
      ]);
      expect(await a.batches.transition(batch.id, ["running"], { status: "running", updatedAt: 5_000 })).toBe(
        false,
      );
      expect((await b.batches.list(10)).map((s) => s.id)).toEqual([batch.id]);
    },
  );
});
