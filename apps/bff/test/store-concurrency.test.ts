/**
 * Two store instances on one database, as two BFF replicas have them (two connection pools on
 * PostgreSQL; two connections to one file on SQLite), written to at once. Same promises on both.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { verifyChain } from "../src/features/audit/chain.ts";
import { createPostgresStores } from "../src/store/postgres/index.ts";
import type { Stores } from "../src/store/types.ts";
import { fleetFollowCases, fleetFollowCommitOrder, fleetSnapshotCases } from "./fleet-snapshot-cases.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

describe.each(BACKENDS)("two replicas on one $name store", (backend) => {
  let database: FreshDatabase | undefined;
  const opened: Stores[] = [];
  async function twoReplicas(): Promise<[Stores, Stores]> {
    database = await backend.fresh();
    // Opened at once: both migrate the empty database, and must not trip over each other.
    const [a, b] = await Promise.all([database.open(), database.open()]);
    opened.push(a, b);
    return [a, b];
  }
  afterEach(async () => {
    for (const stores of opened.splice(0)) await stores.close();
    await database?.dispose();
  });
  if (backend.skip) {
    it.skip(`skipped: ${backend.skip}`, () => {});
    return;
  }

  it("append one gap-free, ordered audit trail, failed appends taking no number", async () => {
    const [a, b] = await twoReplicas();
    const perReplica = 60;
    const append = (stores: Stores, replica: string, i: number) =>
      stores.audit.append({
        at: 1_000 + i,
        operator: replica,
        role: "admin",
        action: "fix.apply",
        resource: `${replica}-${i}`,
        outcome: "attempt",
      });
    // Every tenth write of each replica names an attempt that does not exist: refused by the database.
    const badOutcome = (stores: Stores) =>
      stores.audit.append({
        at: 1,
        operator: "x",
        role: "admin",
        action: "fix.apply",
        outcome: "success",
        attemptId: "999999",
      });
    const writes: Array<Promise<{ resource: string; id: string }>> = [];
    const refusals: Array<Promise<unknown>> = [];
    for (let i = 0; i < perReplica; i++) {
      for (const [stores, replica] of [
        [a, "a"],
        [b, "b"],
      ] as const) {
        writes.push(append(stores, replica, i).then((id) => ({ resource: `${replica}-${i}`, id })));
        if (i % 10 === 0)
          refusals.push(
            badOutcome(stores).then(
              () => "written",
              () => "refused",
            ),
          );
      }
    }
    const written = await Promise.all(writes);
    expect(await Promise.all(refusals)).toEqual(Array(12).fill("refused"));

    // Read through either replica: the same trail, numbered 120..1 newest first without a gap or a
    // repeat, and each writer was told the number its own record carries.
    const read = async (stores: Stores) => {
      const trail = [];
      for await (const record of stores.audit.iterate({})) trail.push(record);
      return trail;
    };
    const trail = await read(a);
    expect(await read(b)).toEqual(trail);
    expect(trail.map((r) => Number(r.id))).toEqual(
      Array.from({ length: 2 * perReplica }, (_, i) => 2 * perReplica - i),
    );
    const resourceOf = new Map(trail.map((r) => [r.id, r.resource]));
    for (const { resource, id } of written) expect(resourceOf.get(id)).toBe(resource);
    // And one hash chain: each record links to the one numbered before it, whichever replica wrote it.
    expect(await verifyChain(b.audit.iterateChain())).toMatchObject({ ok: true, checked: 2 * perReplica });
  });

  it("count concurrent failed sign-ins exactly, over keys taken in either order", async () => {
    const [a, b] = await twoReplicas();
    const policy = { windowMs: 60_000, maxFailures: 10, lockMs: 30_000 };
    const account = { key: "account:alice@203.0.113.9", policy };
    const address = { key: "address:203.0.113.9", policy: { ...policy, maxFailures: 1_000 } };
    // 80 attempts at once, half through each replica, naming the two keys in opposite orders (a
    // deadlock between the replicas would fail the test with PostgreSQL's deadlock error).
    const attempts = Array.from({ length: 80 }, (_, i) =>
      (i % 2 ? a : b).throttle.reserve(i % 4 < 2 ? [account, address] : [address, account], 1_000),
    );
    const decisions = await Promise.all(attempts);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.filter((d) => !d.allowed)).toHaveLength(70);
    // Exactly the 10 allowed attempts were counted on the address; the refused ones counted nothing.
    const onAddress = await Promise.all(
      Array.from({ length: 2 }, () =>
        a.throttle.reserve([{ ...address, policy: { ...policy, maxFailures: 11 } }], 2_000),
      ),
    );
    expect(onAddress.map((d) => d.allowed).sort()).toEqual([false, true]);
  });

  it("let exactly one replica claim a run that both are asked to resume", async () => {
    const [a, b] = await twoReplicas();
    await a.creationRuns.save({
      id: "run-1",
      poolId: "us-east-1_Runs",
      status: "failed",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
      data: "{}",
    });
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).creationRuns.claim("run-1", { owner: `replica-${i}`, now: 1_000, until: 61_000 }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("store a new run already claimed by its maker, and keep that claim when the run is saved again", async () => {
    const [a, b] = await twoReplicas();
    const run = {
      id: "run-new",
      poolId: "us-east-1_Runs",
      status: "running",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
      data: "{}",
    };
    await a.creationRuns.save(run, { owner: "maker", until: 61_000 });
    expect(await b.creationRuns.claim("run-new", { owner: "other", now: 1_000, until: 61_000 })).toBe(false);
    // A later save by its holder changes the run, never who holds it.
    expect(await a.creationRuns.save({ ...run, status: "failed" }, { owner: "maker", until: 99_000 })).toBe(
      true,
    );
    expect(await b.creationRuns.claim("run-new", { owner: "other", now: 1_000, until: 61_000 })).toBe(false);
    expect((await b.creationRuns.get("run-new"))?.status).toBe("failed");
    expect(await b.creationRuns.claim("run-new", { owner: "other", now: 61_000, until: 121_000 })).toBe(true);
  });

  it("refuse a save by a holder whose claim another replica took over (fencing)", async () => {
    const [a, b] = await twoReplicas();
    const run = {
      id: "run-fenced",
      poolId: "us-east-1_Runs",
      status: "running",
      createdAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:00.000Z",
      data: '{"step":1}',
    };
    expect(await a.creationRuns.save(run, { owner: "paused", until: 61_000 })).toBe(true);
    // "paused" stalled past its claim; b took the run and went on.
    expect(await b.creationRuns.claim("run-fenced", { owner: "taker", now: 61_000, until: 121_000 })).toBe(
      true,
    );
    expect(
      await b.creationRuns.save({ ...run, data: '{"step":3}' }, { owner: "taker", until: 121_000 }),
    ).toBe(true);
    // The stalled holder wakes and saves its older state: refused. Before, it overwrote step 3 with 2.
    expect(
      await a.creationRuns.save({ ...run, data: '{"step":2}' }, { owner: "paused", until: 121_000 }),
    ).toBe(false);
    expect((await b.creationRuns.get("run-fenced"))?.data).toBe('{"step":3}');
    // Nor once the taker finished and gave the run back (the usual end of a takeover).
    expect(
      await b.creationRuns.save({ ...run, status: "succeeded" }, { owner: "taker", until: 121_000 }),
    ).toBe(true);
    await b.creationRuns.release("run-fenced", "taker");
    expect(
      await a.creationRuns.save({ ...run, data: '{"step":2}' }, { owner: "paused", until: 181_000 }),
    ).toBe(false);
    expect(await b.creationRuns.get("run-fenced")).toMatchObject({ status: "succeeded" });
    // A save that names no holder (a run looked at, not worked on) still lands.
    expect(await a.creationRuns.save({ ...run, status: "failed" })).toBe(true);
  });

  it("give a lease that every replica asks for at once to exactly one of them", async () => {
    const [a, b] = await twoReplicas();
    const taken = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).leases.acquire("fleet-reader", { owner: `replica-${i}`, now: 1_000, until: 31_000 }),
      ),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
    const winner = `replica-${taken.indexOf(true)}`;
    expect(await b.leases.holder("fleet-reader", 2_000)).toEqual({ owner: winner, until: 31_000 });
  });

  it.runIf(backend.name === "postgres")(
    "share one read budget: of takes from both at once, only as many as the bucket holds get a token",
    async () => {
      const [a, b] = await twoReplicas();
      const budget = (stores: Stores) => {
        if (!stores.readBudget) throw new Error("PostgreSQL keeps a read budget");
        return stores.readBudget;
      };
      // A rate of one token in 1,000 s: nothing refills while the test runs, so the burst is all there is.
      const bucket = { ratePerSecond: 0.001, burst: 4 };
      const waits = await Promise.all(
        Array.from({ length: 12 }, (_, i) => budget(i % 2 ? a : b).take("cognito-read:eu-west-1", bucket)),
      );
      expect(waits.filter((wait) => wait === 0)).toHaveLength(4);
      // The others are told to come back when a token is due (about 1,000 s at this rate), not now.
      expect(waits.filter((wait) => wait > 0)).toHaveLength(8);
      // A refused request's token comes back, and exactly one more take gets it.
      await budget(a).giveBack("cognito-read:eu-west-1", bucket.burst);
      const again = await Promise.all([
        budget(a).take("cognito-read:eu-west-1", bucket),
        budget(b).take("cognito-read:eu-west-1", bucket),
      ]);
      expect(again.filter((wait) => wait === 0)).toHaveLength(1);
    },
  );

  it.runIf(backend.name === "postgres")(
    "a call that gets no connection fails after the connect timeout instead of waiting for good",
    async () => {
      database = await backend.fresh();
      const url = database.url;
      const stores = await createPostgresStores(url, { maxConnections: 1, connectTimeoutMs: 300 });
      opened.push(stores);
      // Another session locks the leases table: a lease take then holds the pool's one connection.
      const locker = new pg.Client({ connectionString: url });
      await locker.connect();
      try {
        await locker.query("BEGIN");
        await locker.query("LOCK TABLE leases IN ACCESS EXCLUSIVE MODE");
        const blocked = stores.leases.acquire("fleet-reader", { owner: "a", now: 1, until: 2 });
        // Before: the follow's pull waited in the pool's queue until the lock went (here, never).
        const pull = stores.fleetSnapshot.changedSince(0).then(
          () => "answered",
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        let timer: ReturnType<typeof setTimeout> | undefined;
        const waiting = new Promise<string>((resolve) => {
          timer = setTimeout(() => resolve("still waiting"), 5_000);
        });
        const outcome = await Promise.race([pull, waiting]);
        clearTimeout(timer);
        // pg-pool's words when connectionTimeoutMillis passes.
        expect(outcome).toBe("timeout exceeded when trying to connect");
        await locker.query("ROLLBACK");
        expect(await blocked).toBe(true);
      } finally {
        await locker.end();
      }
    },
  );

  it("share sessions: one made through one replica is valid through the other, and ends for both", async () => {
    const [a, b] = await twoReplicas();
    await a.operators.add({ username: "alice", role: "admin", passwordHash: "h" }, 1);
    await a.sessions.create({ idHash: "s1", username: "alice", now: 10 });
    expect(await b.sessions.get("s1")).toMatchObject({ username: "alice", role: "admin" });
    await b.sessions.delete("s1");
    expect(await a.sessions.get("s1")).toBeNull();
  });

  fleetSnapshotCases(twoReplicas);
  fleetFollowCases(twoReplicas);
  if (backend.name === "postgres")
    fleetFollowCommitOrder(twoReplicas, async () => {
      const client = new pg.Client({ connectionString: database?.url });
      await client.connect();
      return client;
    });

  it("freshness marks: the first replica's time is kept by setIfAbsent, even at once", async () => {
    const [a, b] = await twoReplicas();
    const kept = await Promise.all([
      a.freshnessMarks.setIfAbsent("events-since:111122223333|us-east-1", 1_000),
      b.freshnessMarks.setIfAbsent("events-since:111122223333|us-east-1", 2_000),
    ]);
    // Both answer the one time stored, whichever replica wrote it.
    expect(kept[0]).toBe(kept[1]);
    expect([1_000, 2_000]).toContain(kept[0]);
    expect(await b.freshnessMarks.setIfAbsent("events-since:111122223333|us-east-1", 3_000)).toBe(kept[0]);
    await a.freshnessMarks.set("sweep-completed", 5_000);
    await b.freshnessMarks.remove("events-since:111122223333|us-east-1");
    expect(Object.fromEntries(await b.freshnessMarks.all())).toEqual({ "sweep-completed": 5_000 });
    expect(await a.freshnessMarks.setIfAbsent("events-since:111122223333|us-east-1", 4_000)).toBe(4_000);
  });
});
