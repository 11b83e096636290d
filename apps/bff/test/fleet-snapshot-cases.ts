/**
 * The fleet snapshot (store/fleet-snapshot.ts) on both stores, run by store-concurrency.test.ts's
 * "two replicas on one store": two replicas sharing one store keep, for each pool, the read that
 * started last, whichever replica writes last; an older read never replaces a newer one.
 */
import { expect, it } from "vitest";
import { type StoredPoolState, snapshotParams, snapshotUpsert } from "../src/store/fleet-snapshot.ts";
import type { Stores } from "../src/store/types.ts";

function row(poolId: string, startedAt: number, what: string, accountId = "111122223333"): StoredPoolState {
  return {
    accountId,
    poolId,
    region: "us-east-1",
    startedAt,
    readAt: startedAt + 40,
    json: JSON.stringify({ what }),
  };
}

const byPool = (rows: StoredPoolState[]) =>
  Object.fromEntries(rows.map((r) => [`${r.accountId}/${r.poolId}`, JSON.parse(r.json).what]));

/** The cases, on two replicas of a fresh store each. */
export function fleetSnapshotCases(twoReplicas: () => Promise<[Stores, Stores]>): void {
  it("keeps the later-started read of a pool, whichever replica writes last", async () => {
    const [a, b] = await twoReplicas();
    await a.fleetSnapshot.put([row("us-east-1_A", 2_000, "a-new"), row("us-east-1_B", 1_000, "a-old")]);
    // B writes after A: its older read of A is refused, its newer read of B kept.
    await b.fleetSnapshot.put([row("us-east-1_A", 1_500, "b-old"), row("us-east-1_B", 1_800, "b-new")]);
    expect(byPool(await a.fleetSnapshot.all())).toEqual({
      "111122223333/us-east-1_A": "a-new",
      "111122223333/us-east-1_B": "b-new",
    });
    // A batch holding two reads of one pool keeps the later one.
    await a.fleetSnapshot.put([row("us-east-1_C", 3_000, "c-new"), row("us-east-1_C", 2_500, "c-old")]);
    expect(byPool(await b.fleetSnapshot.all())["111122223333/us-east-1_C"]).toBe("c-new");
  });

  it("two replicas writing the same pools at once end with each pool's newest read", async () => {
    const [a, b] = await twoReplicas();
    const pools = Array.from({ length: 1_203 }, (_, i) => `us-east-1_P${i}`);
    // A's reads are newer for even pools, B's for odd ones; both write in batches, concurrently.
    const writes = (replica: Stores, name: string, newer: (i: number) => boolean) =>
      Promise.all(
        [0, 1, 2].map((part) =>
          replica.fleetSnapshot.put(
            pools
              .filter((_, i) => i % 3 === part)
              .map((pool) => {
                const i = Number(pool.slice("us-east-1_P".length));
                return row(pool, newer(i) ? 5_000 + i : 1_000 + i, name);
              }),
          ),
        ),
      );
    await Promise.all([writes(a, "a", (i) => i % 2 === 0), writes(b, "b", (i) => i % 2 === 1)]);
    const stored = await a.fleetSnapshot.all();
    expect(stored).toHaveLength(pools.length);
    for (const r of stored) {
      const i = Number(r.poolId.slice("us-east-1_P".length));
      expect(JSON.parse(r.json).what).toBe(i % 2 === 0 ? "a" : "b");
      expect(r.startedAt).toBe(5_000 + i);
    }
  });

  it("removes a pool found gone, unless a read started since is stored", async () => {
    const [a, b] = await twoReplicas();
    await a.fleetSnapshot.put([row("us-east-1_A", 1_000, "a"), row("us-east-1_B", 1_000, "b")]);
    // Another replica read B after this one's listing started: B stays.
    await b.fleetSnapshot.put([row("us-east-1_B", 3_000, "b-again")]);
    await a.fleetSnapshot.remove(
      [
        { accountId: "111122223333", poolId: "us-east-1_A" },
        { accountId: "111122223333", poolId: "us-east-1_B" },
      ],
      2_000,
    );
    expect(byPool(await b.fleetSnapshot.all())).toEqual({ "111122223333/us-east-1_B": "b-again" });
  });
}

/**
 * Replicas follow one another's rows (changedSince): each replica pulls what the others wrote since
 * its last look, and a pool found gone reaches the others as a tombstone.
 */
export function fleetFollowCases(twoReplicas: () => Promise<[Stores, Stores]>): void {
  it("gives a replica the rows another wrote since its last look, and the tombstones of pools found gone", async () => {
    const [a, b] = await twoReplicas();
    await a.fleetSnapshot.put([row("us-east-1_A", 1_000, "a"), row("us-east-1_B", 1_000, "b")]);
    const since = await b.fleetSnapshot.watermark();
    await a.fleetSnapshot.put([row("us-east-1_A", 2_000, "a-again")]);
    await a.fleetSnapshot.remove([{ accountId: "111122223333", poolId: "us-east-1_B" }], 1_500);
    const { rows, next } = await b.fleetSnapshot.changedSince(since);
    const seen = Object.fromEntries(rows.map((r) => [r.poolId, r.gone ? "gone" : JSON.parse(r.json).what]));
    expect(seen).toEqual({ "us-east-1_A": "a-again", "us-east-1_B": "gone" });
    // The tombstone is dated by the listing that found the pool gone.
    expect(rows.find((r) => r.poolId === "us-east-1_B")?.startedAt).toBe(1_500);
    // all() (a restart) shows no tombstone.
    expect(byPool(await b.fleetSnapshot.all())).toEqual({ "111122223333/us-east-1_A": "a-again" });
    // A write after this answer is in the next one.
    await a.fleetSnapshot.put([row("us-east-1_C", 3_000, "c")]);
    const later = await b.fleetSnapshot.changedSince(next);
    expect(later.rows.map((r) => r.poolId)).toContain("us-east-1_C");
  });

  it("a read older than the listing that found a pool gone does not bring it back; a newer one does", async () => {
    const [a, b] = await twoReplicas();
    await a.fleetSnapshot.put([row("us-east-1_A", 1_000, "a")]);
    await a.fleetSnapshot.remove([{ accountId: "111122223333", poolId: "us-east-1_A" }], 3_000);
    // B's read started before A's listing, written after it: the pool stays gone.
    await b.fleetSnapshot.put([row("us-east-1_A", 2_000, "b-old")]);
    expect(await a.fleetSnapshot.all()).toEqual([]);
    // A read started after the listing (the pool exists after all): it is back, for every replica.
    await b.fleetSnapshot.put([row("us-east-1_A", 4_000, "b-new")]);
    expect(byPool(await a.fleetSnapshot.all())).toEqual({ "111122223333/us-east-1_A": "b-new" });
    const back = (await a.fleetSnapshot.changedSince(0)).rows.find((r) => r.poolId === "us-east-1_A");
    expect(back?.gone).toBe(false);
  });
}

/**
 * PostgreSQL only (replicas): a write whose transaction commits after a pull that could not see it
 * is in a later pull, however long the commit took (the watermark is the oldest running transaction).
 */
export function fleetFollowCommitOrder(
  twoReplicas: () => Promise<[Stores, Stores]>,
  openTransaction: () => Promise<{
    query(sql: string, params?: unknown[]): Promise<unknown>;
    end(): Promise<void>;
  }>,
): void {
  it("a write committed after a pull that could not see it comes with a later pull", async () => {
    const [a, b] = await twoReplicas();
    await a.fleetSnapshot.put([row("us-east-1_A", 1_000, "a")]);
    let watermark = await b.fleetSnapshot.watermark();
    const slow = await openTransaction();
    try {
      await slow.query("BEGIN");
      await slow.query(
        snapshotUpsert((n) => `$${n}`, 1, "postgres", a.fleetSnapshot.writer),
        snapshotParams([row("us-east-1_S", 2_000, "slow")]),
      );
      // Meanwhile other writes commit and are pulled: the watermark moves on, but not past the slow one.
      await a.fleetSnapshot.put([row("us-east-1_B", 2_000, "b")]);
      const first = await b.fleetSnapshot.changedSince(watermark);
      expect(first.rows.map((r) => r.poolId)).toContain("us-east-1_B");
      expect(first.rows.map((r) => r.poolId)).not.toContain("us-east-1_S");
      watermark = first.next;
      await slow.query("COMMIT");
    } finally {
      await slow.end();
    }
    const second = await b.fleetSnapshot.changedSince(watermark);
    expect(second.rows.map((r) => r.poolId)).toContain("us-east-1_S");
  });
}
