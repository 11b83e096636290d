/**
 * The freshness service's own logic (features/freshness/service.ts), a unit test over in-memory
 * marks, fake accounts and gateways (no AWS: the sweep's reads go through the fleet, stubbed here).
 * Before: a sweep that failed left its sweep-started mark, the schedule read it as "cut short" and
 * ran it again at once, without end (861 tries in a second when the account directory failed); a
 * region whose listing failed still counted as a completed sweep; and a periodic check that began
 * before a plan's check overwrote the plan's newer answer; and replicas sharing the store each swept
 * every pool.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FRESHNESS_TAG, freshnessEventPattern, freshnessQueuePolicy } from "@clc/domain";
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import {
  createFreshnessService,
  DEFAULT_FRESHNESS,
  type FreshnessAccount,
  type FreshnessDeps,
} from "../src/features/freshness/service.ts";
import { memoryFreshnessMarks, SWEEP_COMPLETED_MARK } from "../src/store/freshness-marks.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import type { LeaseStore } from "../src/store/types.ts";
import { until } from "./poll.ts";

const DAY = 86_400_000;
/** The sweep's lease (features/freshness/service.ts SWEEP_LEASE). */
const SWEEP_LEASE_NAME = "freshness-sweep";
const silent = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

function service(
  accounts: () => Promise<FreshnessAccount[]>,
  refreshed: string[] = [],
  account: (id: string) => Promise<FreshnessAccount> = async () => {
    throw new Error("not used");
  },
  replica: Pick<FreshnessDeps, "marks" | "leases" | "leftOut"> & {
    persisted?: () => Promise<void>;
    /** How long each refresh of pools takes (ms); 0 by default. */
    refreshMs?: number;
    /** The fleet read under way (none by default). */
    readUnderWay?: () => Promise<void> | null;
    checkIntervalMs?: number;
  } = {
    marks: memoryFreshnessMarks(),
  },
) {
  const marks = replica.marks;
  const fleet: FreshnessDeps["fleet"] = {
    async refreshPools(pools) {
      if (replica.refreshMs) await sleep(replica.refreshMs);
      refreshed.push(...pools.map((p) => p.poolId));
      return { read: pools.length, removed: 0, failed: [] };
    },
    knownPools: () => [
      { accountId: "111122223333", region: "us-east-1", poolId: "us-east-1_known", readAt: 0 },
    ],
    replaceTtlRefresh() {},
    coverageAnswered() {},
    readUnderWay: replica.readUnderWay ?? (() => null),
    persisted: replica.persisted ?? (async () => {}),
  };
  const freshness = createFreshnessService({
    config: {
      ...DEFAULT_FRESHNESS,
      sweepReadsPerMinute: 600_000,
      ...(replica.checkIntervalMs ? { checkIntervalMs: replica.checkIntervalMs } : {}),
    },
    fleet,
    accounts,
    account,
    marks,
    ...(replica.leases ? { leases: replica.leases } : {}),
    ...(replica.leftOut ? { leftOut: replica.leftOut } : {}),
    callBudgetMs: 1_000,
    log: silent,
  });
  return { freshness, marks };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An account's gateways whose events path is intact in us-east-1 once `world.ruleExists` (the rule
 * answered after `world.ruleDelayMs`); `receive` answers `world.messages` once each, `deleteBatch`
 * records what it was asked to delete in `world.deleted`.
 */
function pathGateways(world: {
  ruleExists: boolean;
  ruleDelayMs: number;
  messages?: Array<{ body: string; receiptHandle: string }>;
  deleted?: string[];
}): FreshnessAccount["gateways"] {
  const tags = { [FRESHNESS_TAG.key]: FRESHNESS_TAG.value };
  const queueArn = "arn:aws:sqs:us-east-1:111122223333:clc-cognito-changes";
  const ruleArn = "arn:aws:events:us-east-1:111122223333:rule/clc-cognito-changes";
  return {
    cognito: { listUserPools: async () => [] },
    cloudtrail: {
      describeTrails: async () => [
        { name: "org", arn: "arn:trail", homeRegion: "us-east-1", multiRegion: true },
      ],
      status: async () => ({ logging: true, startedAt: 0 }),
      eventSelectors: async () => [
        { readWriteType: "All", includeManagementEvents: true, excludedSources: [] },
      ],
    },
    sqs: {
      queueUrl: async () => "https://sqs/queue",
      queueTags: async () => tags,
      queueAttributes: async () => ({
        arn: queueArn,
        policy: freshnessQueuePolicy(queueArn, ruleArn),
        createdAt: 0,
        retentionSeconds: 345_600,
      }),
      receive: async () => {
        await sleep(20);
        return world.messages?.splice(0) ?? [];
      },
      deleteBatch: async (_region: string, _url: string, handles: string[]) => {
        world.deleted?.push(...handles);
        return [];
      },
    },
    events: {
      describeRule: async () => {
        // What the rule is when asked, answered after the delay of that moment.
        const exists = world.ruleExists;
        await sleep(world.ruleDelayMs);
        return exists ? { arn: ruleArn, state: "ENABLED", eventPattern: freshnessEventPattern() } : null;
      },
      ruleTags: async () => tags,
      ruleTargets: async () => [queueArn],
    },
  } as unknown as FreshnessAccount["gateways"];
}

describe("the sweep's schedule", () => {
  it("tries a failed sweep again a minute later, not at once and without end", async () => {
    let calls = 0;
    const { freshness, marks } = service(async () => {
      calls += 1;
      throw new Error("the account directory failed");
    });
    // The last sweep completed two days ago: one is due at the start.
    await marks.set(SWEEP_COMPLETED_MARK, Date.now() - 2 * DAY);
    freshness.start();
    try {
      await freshness.scheduled();
      await new Promise((r) => setTimeout(r, 500));
      // One sweep tried (and the start's check of the events path): not hundreds.
      expect(calls).toBeLessThanOrEqual(2);
      const next = freshness.status().sweep.nextAt;
      expect(next).not.toBeNull();
      expect(Date.parse(next as string) - Date.now()).toBeGreaterThan(30_000);
    } finally {
      await freshness.stop();
    }
  });

  it("two replicas due at once sweep once between them: one holds the lease, the other waits its turn", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-sweep-lease-"));
    const stores = createSqliteStores(databasePath(dir));
    try {
      const refreshed: string[] = [];
      const account: FreshnessAccount = {
        accountId: "111122223333",
        regions: ["us-east-1"],
        gateways: {
          cognito: { listUserPools: async () => [{ id: "us-east-1_a" }, { id: "us-east-1_b" }] },
        } as unknown as FreshnessAccount["gateways"],
      };
      const marks = memoryFreshnessMarks();
      // The last sweep completed two days ago: both replicas find one due at their start.
      await marks.set(SWEEP_COMPLETED_MARK, Date.now() - 2 * DAY);
      const replicas = ["a", "b"].map(
        (owner) =>
          service(async () => [account], refreshed, undefined, {
            marks,
            leases: { store: stores.leases, owner },
          }).freshness,
      );
      for (const replica of replicas) replica.start();
      try {
        await Promise.all(replicas.map((r) => r.scheduled()));
        await until(
          async () => (await marks.all()).get(SWEEP_COMPLETED_MARK) ?? 0,
          (at) => at > Date.now() - DAY,
        );
        // The other found the lease taken: it asks again in a minute, and then finds no sweep due.
        await new Promise((r) => setTimeout(r, 300));
        expect(refreshed.sort()).toEqual(["us-east-1_a", "us-east-1_b", "us-east-1_known"]);
      } finally {
        await Promise.all(replicas.map((r) => r.stop()));
      }
    } finally {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /**
   * A sweep of one pool under a lease of `leaseMs` (renewed every sixth of it) whose reads take
   * `refreshMs`, over the SQLite lease store wrapped so that take number `slowTake` (0: the first
   * take, 1: the first renewal) answers `slowMs` late (Infinity: never). Counts the takes in flight
   * and the releases.
   */
  async function leasedSweep(
    dir: string,
    options: { leaseMs: number; refreshMs: number; slowTake: number; slowMs: number },
  ) {
    const stores = createSqliteStores(databasePath(dir));
    const real = stores.leases;
    const seen = { takes: 0, inFlight: 0, mostInFlight: 0, releases: 0 };
    const leases: LeaseStore = {
      ...real,
      async acquire(name, lease) {
        const take = seen.takes++;
        seen.inFlight += 1;
        seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
        try {
          if (take === options.slowTake) {
            // A database that stalls: the take is applied when it answers.
            if (!Number.isFinite(options.slowMs)) await new Promise<never>(() => {});
            await sleep(options.slowMs);
          }
          return await real.acquire(name, lease);
        } finally {
          seen.inFlight -= 1;
        }
      },
      async release(name, owner) {
        seen.releases += 1;
        await real.release(name, owner);
      },
    };
    const account: FreshnessAccount = {
      accountId: "111122223333",
      regions: ["us-east-1"],
      gateways: {
        cognito: { listUserPools: async () => [{ id: "us-east-1_a" }] },
      } as unknown as FreshnessAccount["gateways"],
    };
    const marks = memoryFreshnessMarks();
    await marks.set(SWEEP_COMPLETED_MARK, Date.now() - 2 * DAY);
    const { freshness } = service(async () => [account], [], undefined, {
      marks,
      leases: { store: leases, owner: "a", leaseMs: options.leaseMs },
      refreshMs: options.refreshMs,
    });
    return { freshness, marks, seen, real, stores };
  }

  it("renews the sweep's lease one take at a time: a renewal that answers late cannot take it back after the release", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-sweep-renew-"));
    // A 6 s lease renewed every second; the first renewal (sent at 1 s) answers 2.5 s late.
    const { freshness, seen, real, stores } = await leasedSweep(dir, {
      leaseMs: 6_000,
      refreshMs: 1_300,
      slowTake: 1,
      slowMs: 2_500,
    });
    try {
      freshness.start();
      // The sweep holds the lease under a name of its own (the replica's, then the holding's): a
      // late renewal or release of this sweep cannot touch the next one. Before: the replica's name.
      const holder = await until(
        () => real.holder(SWEEP_LEASE_NAME, Date.now()),
        (h) => h !== null,
      );
      expect(holder?.owner).toMatch(/^a:[0-9a-f-]{36}$/);
      await until(
        async () => seen,
        (s) => s.releases >= 1 && s.inFlight === 0 && s.takes >= 2,
      );
      // Before: each tick sent a renewal beside the hung one, the release awaited only the newest,
      // and the hung one landed after it and held the lease for 6 s more: no other replica could sweep.
      expect(seen.mostInFlight).toBe(1);
      expect(await real.holder(SWEEP_LEASE_NAME, Date.now())).toBeNull();
    } finally {
      await freshness.stop();
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops a sweep whose renewal never answers, within two thirds of the lease, and stop() does not wait for it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-sweep-hung-"));
    // A 1.2 s lease renewed every 0.2 s; the first renewal never answers; the reads take 3 s.
    const { freshness, marks, seen, stores } = await leasedSweep(dir, {
      leaseMs: 1_200,
      refreshMs: 3_000,
      slowTake: 1,
      slowMs: Number.POSITIVE_INFINITY,
    });
    try {
      freshness.start();
      await until(
        async () => seen.takes,
        (n) => n >= 2,
      );
      await sleep(3_500);
      // The lease may have lapsed: the sweep stopped, so it is not counted as completed.
      expect((await marks.all()).get(SWEEP_COMPLETED_MARK) ?? 0).toBeLessThan(Date.now() - DAY);
      expect(seen.takes).toBe(2);
      // Before, stop() waited for the hung renewal for good (the process was killed 10 s later).
      const stopped = await Promise.race([
        freshness.stop().then(() => "stopped"),
        sleep(5_000).then(() => "hung"),
      ]);
      expect(stopped).toBe("stopped");
    } finally {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("does not count a sweep whose listing of a place failed as completed, and reads that place's known pools", async () => {
    const refreshed: string[] = [];
    const account: FreshnessAccount = {
      accountId: "111122223333",
      regions: ["us-east-1"],
      gateways: {
        cognito: {
          listUserPools: async () => {
            throw new Error("ListUserPools: AccessDeniedException");
          },
        },
      } as unknown as FreshnessAccount["gateways"],
    };
    const { freshness, marks } = service(async () => [account], refreshed);
    await freshness.sweepNow();
    expect(refreshed).toEqual(["us-east-1_known"]);
    expect((await marks.all()).has(SWEEP_COMPLETED_MARK)).toBe(false);
    expect(freshness.status().sweep.lastCompletedAt).toBeNull();
  });

  it("an older check's answer does not overwrite a newer one (a periodic check and a plan at once)", async () => {
    const world = { ruleExists: false, ruleDelayMs: 0 };
    const gateways = pathGateways(world);
    const place: FreshnessAccount = { accountId: "111122223333", regions: ["us-east-1"], gateways };
    const { freshness } = service(
      async () => [place],
      [],
      async () => place,
    );
    const mode = () => freshness.status().places[0]?.mode;
    freshness.start();
    try {
      while (mode() !== "sweep") await sleep(10);
      // A periodic check begins and sees no rule, slowly; meanwhile the rule is made and an
      // operator opens the plan, whose check finds the path intact and puts the place on events.
      world.ruleDelayMs = 300;
      const periodic = freshness.checkNow();
      await sleep(50);
      world.ruleExists = true;
      world.ruleDelayMs = 0;
      await freshness.plan("111122223333", "us-east-1");
      expect(mode()).toBe("events");
      await periodic;
      expect(mode()).toBe("events");
    } finally {
      await freshness.stop();
    }
  });
});

/** A fleet read under way until `endRead()` (the fleet's readUnderWay, then null). */
function fleetRead() {
  let read: Promise<void> | null = null;
  let endRead: () => void = () => undefined;
  read = new Promise<void>((resolve) => {
    endRead = () => {
      read = null;
      resolve();
    };
  });
  return { readUnderWay: () => read, endRead: () => endRead() };
}

describe("the events path's checks and the fleet read", () => {
  it("a check at start waits for the fleet read under way; an operator's check now does not", async () => {
    // Both want the CPU at a start; the org bench's first pool reads waited ~0.3 s for these checks
    // (issue 14). Before, the check at start called DescribeTrails at once.
    const world = { ruleExists: true, ruleDelayMs: 0 };
    const gateways = pathGateways(world);
    const trailsAsked: number[] = [];
    const describeTrails = gateways.cloudtrail.describeTrails;
    gateways.cloudtrail.describeTrails = (...args) => {
      trailsAsked.push(Date.now());
      return describeTrails(...args);
    };
    const place: FreshnessAccount = { accountId: "111122223333", regions: ["us-east-1"], gateways };
    const { readUnderWay, endRead } = fleetRead();
    const { freshness } = service(
      async () => [place],
      [],
      async () => place,
      {
        marks: memoryFreshnessMarks(),
        readUnderWay,
      },
    );
    freshness.start();
    try {
      await sleep(200);
      expect(trailsAsked).toHaveLength(0);
      expect(freshness.status().places.map((p) => p.mode)).toEqual([]);
      // An operator's check does not wait (it answers what they asked for).
      await freshness.checkNow();
      expect(trailsAsked).toHaveLength(1);
      endRead();
      await until(
        () => trailsAsked.length,
        (n) => n === 2,
      );
      await until(
        () => freshness.status().places[0]?.mode,
        (mode) => mode === "events",
      );
    } finally {
      await freshness.stop();
    }
  });
  it("starts no more scheduled checks while one waits for the fleet read", async () => {
    // Every tick would otherwise start a check that waits, and all of them would check every place
    // at once when the read ends.
    const gateways = pathGateways({ ruleExists: true, ruleDelayMs: 0 });
    const place: FreshnessAccount = { accountId: "111122223333", regions: ["us-east-1"], gateways };
    let listings = 0;
    const { readUnderWay, endRead } = fleetRead();
    const { freshness } = service(
      async () => {
        listings += 1;
        return [place];
      },
      [],
      async () => place,
      { marks: memoryFreshnessMarks(), readUnderWay, checkIntervalMs: 10 },
    );
    freshness.start();
    try {
      await sleep(200);
      // The one check waiting asked for the accounts once; the ~20 ticks meanwhile started none.
      expect(listings).toBe(1);
      endRead();
      await until(
        () => freshness.status().places[0]?.mode,
        (mode) => mode === "events",
      );
    } finally {
      await freshness.stop();
    }
  });
});

describe("change events and places", () => {
  it("keeps a change event in the queue when the row it caused could not be stored", async () => {
    const event = (poolId: string) =>
      JSON.stringify({
        source: "aws.cognito-idp",
        "detail-type": "AWS API Call via CloudTrail",
        account: "111122223333",
        region: "us-east-1",
        detail: {
          eventSource: "cognito-idp.amazonaws.com",
          eventName: "UpdateUserPool",
          requestParameters: { userPoolId: poolId },
        },
      });
    const world = {
      ruleExists: true,
      ruleDelayMs: 0,
      messages: [
        { body: event("us-east-1_changed"), receiptHandle: "changed" },
        { body: "not an event", receiptHandle: "malformed" },
      ],
      deleted: [] as string[],
    };
    const refreshed: string[] = [];
    const place: FreshnessAccount = {
      accountId: "111122223333",
      regions: ["us-east-1"],
      gateways: pathGateways(world),
    };
    const { freshness } = service(
      async () => [place],
      refreshed,
      async () => place,
      {
        marks: memoryFreshnessMarks(),
        persisted: async () => {
          throw new Error("the store is down");
        },
      },
    );
    freshness.start();
    try {
      await until(
        () => refreshed,
        (r) => r.includes("us-east-1_changed"),
      );
      await until(
        () => world.deleted,
        (d) => d.length > 0,
      );
      await sleep(100);
      // The pool was read again, but its row is not kept: its event stays, to come back later.
      expect(world.deleted).toEqual(["malformed"]);
    } finally {
      await freshness.stop();
    }
  });

  it("leaves out an account whose last read failed, and then does not replace the cache's re-read", async () => {
    const world = { ruleExists: true, ruleDelayMs: 0 };
    const readable: FreshnessAccount = {
      accountId: "111122223333",
      regions: ["us-east-1"],
      gateways: pathGateways(world),
    };
    const failing: FreshnessAccount = {
      accountId: "444444444444",
      regions: ["us-east-1"],
      unreadable: true,
      gateways: pathGateways(world),
    };
    let accounts = [readable, failing];
    const { freshness } = service(async () => accounts, []);
    freshness.start();
    try {
      await until(
        () => freshness.status().places,
        (places) => places.length === 1 && places[0]?.mode === "events",
      );
      expect(freshness.status().places.map((p) => p.accountId)).toEqual(["111122223333"]);
      // Every place shown is on events, but one account is not watched: the cache's re-read must go
      // on listing every place, which is what notices the failing account again.
      expect(freshness.status().ttlReplaced).toBe(false);
      accounts = [readable];
      await freshness.checkNow();
      expect(freshness.status().ttlReplaced).toBe(true);
    } finally {
      await freshness.stop();
    }
  });

  it("a region a member account has not enabled is no place, and does not keep the cache's re-read going", async () => {
    const world = { ruleExists: true, ruleDelayMs: 0 };
    const readable: FreshnessAccount = {
      accountId: "111122223333",
      regions: ["us-east-1"],
      gateways: pathGateways(world),
    };
    const notEnabled = new Error("UnrecognizedClientException: the security token is invalid");
    const member: FreshnessAccount = {
      accountId: "333333333333",
      regions: ["eu-south-1"],
      gateways: new Proxy({} as FreshnessAccount["gateways"], {
        get: () =>
          new Proxy(
            {},
            {
              get: () => async () => {
                throw notEnabled;
              },
            },
          ),
      }),
    };
    const { freshness } = service(async () => [readable, member], [], undefined, {
      marks: memoryFreshnessMarks(),
      leftOut: (error) => (error === notEnabled ? "not-enabled" : null),
    });
    freshness.start();
    try {
      await until(
        () => freshness.status().places,
        (places) => places.length === 1 && places[0]?.mode === "events",
      );
      await freshness.checkNow();
      expect(freshness.status().places.map((p) => `${p.accountId} ${p.region}`)).toEqual([
        "111122223333 us-east-1",
      ]);
      expect(freshness.status().ttlReplaced).toBe(true);
    } finally {
      await freshness.stop();
    }
  });
});
