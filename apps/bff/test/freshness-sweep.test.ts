/**
 * The sweep's schedule (features/freshness/service.ts), a unit test of its logic over in-memory
 * marks and fake accounts (no AWS: the sweep's reads go through the fleet, stubbed here). Before: a
 * sweep that failed left its sweep-started mark, the schedule read it as "cut short" and ran it again
 * at once, without end (861 tries in a second when the account directory failed); and a region whose
 * listing failed still counted as a completed sweep.
 */
import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import {
  createFreshnessService,
  DEFAULT_FRESHNESS,
  type FreshnessAccount,
  type FreshnessDeps,
} from "../src/features/freshness/service.ts";
import { memoryFreshnessMarks, SWEEP_COMPLETED_MARK } from "../src/store/freshness-marks.ts";

const DAY = 86_400_000;
const silent = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

function service(accounts: () => Promise<FreshnessAccount[]>, refreshed: string[] = []) {
  const marks = memoryFreshnessMarks();
  const fleet: FreshnessDeps["fleet"] = {
    async refreshPools(pools) {
      refreshed.push(...pools.map((p) => p.poolId));
      return { read: pools.length, removed: 0, failed: [] };
    },
    knownPools: () => [
      { accountId: "111122223333", region: "us-east-1", poolId: "us-east-1_known", readAt: 0 },
    ],
    replaceTtlRefresh() {},
    coverageAnswered() {},
  };
  const freshness = createFreshnessService({
    config: { ...DEFAULT_FRESHNESS, sweepReadsPerMinute: 600_000 },
    fleet,
    accounts,
    account: async () => {
      throw new Error("not used");
    },
    marks,
    callBudgetMs: 1_000,
    log: silent,
  });
  return { freshness, marks };
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
});
