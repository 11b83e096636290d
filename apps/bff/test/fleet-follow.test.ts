/**
 * Replicas follow one another's fleet rows (FleetService.restore's followMs): the rule by which a
 * pulled row replaces this replica's, over a real store (SQLite; the PostgreSQL contract of
 * changedSince is store-concurrency.test.ts's). The other replica is played by writes to the
 * store; this one's reads by the fleet's own store(). Before: the same read written again (its
 * findings judged again after the destinations were looked up, or a new OU path) never reached the
 * other replicas, and a read that started before another replica found the pool gone, landing after
 * the tombstone was pulled, brought the pool back for good.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PoolFacts } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { createFleetService, type FleetAccount, type PoolRead } from "../src/features/fleet/service.ts";
import { encodeRow } from "../src/features/fleet/snapshot.ts";
import type { StoredPoolState } from "../src/store/fleet-snapshot.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import type { Stores } from "../src/store/types.ts";
import { until } from "./poll.ts";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const POOL = "us-east-1_follow";
/** Rows are read "now": within the TTL, so listing them starts no fleet read of this replica's own. */
const T = Date.now();
const silent = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

const facts: PoolFacts = {
  id: POOL,
  name: "follow",
  region: REGION,
  accountId: ACCOUNT,
  arn: `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL}`,
  tier: "ESSENTIALS",
  threatProtection: "OFF",
};
const configuration = { userNotification: null, userAuthEvents: null };

/** A row as another replica writes it. */
function stored(
  startedAt: number,
  findings: { count: number; worst: "block" | "warn" | null },
  ouPath: string | null = "Root/Production",
): StoredPoolState {
  return {
    accountId: ACCOUNT,
    poolId: POOL,
    region: REGION,
    startedAt,
    readAt: startedAt + 50,
    json: encodeRow({
      facts,
      configuration,
      configurationProblems: [],
      findings,
      account: { name: "payments", ouPath },
    }),
  };
}

describe("a replica following the others' rows", () => {
  let dir: string;
  /** This replica's store, and the other replica's (another connection to the same database). */
  let stores: Stores;
  let other: Stores;
  afterEach(async () => {
    await stores?.close();
    await other?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function follower() {
    dir = mkdtempSync(path.join(tmpdir(), "clc-follow-"));
    stores = createSqliteStores(databasePath(dir));
    other = createSqliteStores(databasePath(dir));
    const fleet = createFleetService({
      accounts: async () => ({ accounts: [] }),
      describeAccountFailure: () => ({ code: "x", message: "x", whatToDo: "x" }),
      regions: [REGION],
      regionNotEnabled: () => false,
      accountDeadlineMs: 5_000,
      cacheTtlMs: 600_000,
      log: silent,
    });
    return fleet;
  }
  const rowOf = (fleet: Awaited<ReturnType<typeof follower>>) =>
    fleet.list({ sort: "name", offset: 0, limit: 10 }).items.find((p) => p.id === POOL);

  it("takes the same read written again with findings judged again, and a new OU path", async () => {
    const fleet = await follower();
    await other.fleetSnapshot.put([stored(T, { count: 0, worst: null })]);
    await fleet.restore(stores.fleetSnapshot, { followMs: 20 });
    expect(rowOf(fleet)?.findings).toEqual({ count: 0, worst: null });
    // The other replica looked up the destinations and judged the same read again.
    await other.fleetSnapshot.put([stored(T, { count: 1, worst: "block" }, "Root/Security")]);
    const row = await until(
      () => rowOf(fleet),
      (r) => r?.findings.count === 1,
    );
    expect(row?.findings).toEqual({ count: 1, worst: "block" });
    expect(row?.ouPath).toBe("Root/Security");
    await fleet.close();
  });

  it("does not bring back a pool another replica found gone when an older read of it lands here", async () => {
    const fleet = await follower();
    await other.fleetSnapshot.put([stored(T, { count: 0, worst: null })]);
    await fleet.restore(stores.fleetSnapshot, { followMs: 20 });
    // This replica's read of the pool began at T+3 s and waits in its queue; meanwhile another
    // replica's listing, begun at T+5 s, found the pool gone.
    await other.fleetSnapshot.remove([{ accountId: ACCOUNT, poolId: POOL }], T + 5_000);
    await until(
      () => rowOf(fleet),
      (r) => r === undefined,
    );
    const late: PoolRead = {
      facts,
      configuration,
      configurationProblems: [],
      startedAt: T + 3_000,
      readAt: T + 6_000,
    };
    // Destinations not known yet (nothing cached): the read is judged without them.
    const account = {
      accountId: ACCOUNT,
      destinations: { cachedKnowledge: () => null, cachedResourcePolicies: () => null },
    } as unknown as FleetAccount;
    fleet.forAccount(account).store(late);
    expect(rowOf(fleet)).toBeUndefined();
    await fleet.close();
  });

  it("keeps its own judgement of a read over the other replicas' older copy of it, in memory and in the store", async () => {
    const fleet = await follower();
    await other.fleetSnapshot.put([stored(T, { count: 7, worst: "warn" })]);
    await fleet.restore(stores.fleetSnapshot, { followMs: 20 });
    expect(rowOf(fleet)?.findings).toEqual({ count: 7, worst: "warn" });
    // This replica judges the same read again (no destination known: no finding). The other's
    // copy keeps coming with the pulls meanwhile (SQLite's watermark looks 5 s back).
    const account = {
      accountId: ACCOUNT,
      destinations: { cachedKnowledge: () => null, cachedResourcePolicies: () => null },
    } as unknown as FleetAccount;
    fleet.forAccount(account).reassess(POOL);
    expect(rowOf(fleet)?.findings).toEqual({ count: 0, worst: null });
    const storedFindings = async () =>
      JSON.parse((await other.fleetSnapshot.all())[0]?.json ?? "{}").findings as { count: number };
    await until(storedFindings, (findings) => findings.count === 0);
    // Pulls after the write bring this replica's own row (skipped) and nothing older.
    await new Promise((r) => setTimeout(r, 200));
    expect(rowOf(fleet)?.findings).toEqual({ count: 0, worst: null });
    expect((await storedFindings()).count).toBe(0);
    await fleet.close();
  });
});
