/**
 * keepLease (lib/lease-keeper.ts), which a batch's runner and the freshness sweep hold their leases
 * with, over the SQLite lease store. Before: each renewal tick sent a take beside one still under
 * way, and the release did not wait for it (batches) or waited only for the newest (the sweep), so a
 * take that answered late took the lease back after the release and held it until it lapsed, and no
 * other replica could resume the batch or sweep meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keepLease } from "../src/lib/lease-keeper.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import type { LeaseStore, Stores } from "../src/store/types.ts";
import { until } from "./poll.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const NAME = "batch:test";

describe("keepLease", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** The SQLite lease store, its renewals (acquires) answering as `answer` says; counts them. */
  function leaseStore(answer: (take: number) => "now" | { lateMs: number } | "never" | "refuse") {
    const dir = mkdtempSync(path.join(tmpdir(), "clc-lease-keeper-"));
    const stores: Stores = createSqliteStores(databasePath(dir));
    cleanups.push(async () => {
      await stores.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const seen = { takes: 0, inFlight: 0, mostInFlight: 0 };
    const store: LeaseStore = {
      ...stores.leases,
      async acquire(name, lease) {
        const how = answer(seen.takes++);
        seen.inFlight += 1;
        seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
        try {
          if (how === "never") return await new Promise<never>(() => {});
          if (how === "refuse") return false;
          // A database that stalls: the take is applied when it answers.
          if (how !== "now") await sleep(how.lateMs);
          return await stores.leases.acquire(name, lease);
        } finally {
          seen.inFlight -= 1;
        }
      },
    };
    return { store, seen, real: stores.leases };
  }

  async function taken(store: LeaseStore, leaseMs: number, owner = "a") {
    const takenAt = Date.now();
    expect(await store.acquire(NAME, { owner, now: takenAt, until: takenAt + leaseMs })).toBe(true);
    return takenAt;
  }

  /** Whether `lease.release()` resolves within `ms` of fake time. */
  async function releasedWithin(lease: { release(): Promise<void> }, ms: number): Promise<boolean> {
    let released = false;
    void lease.release().then(() => {
      released = true;
    });
    await vi.advanceTimersByTimeAsync(ms);
    return released;
  }

  /** Takes the lease as "a" and keeps it, renewed every `renewEveryMs`. */
  async function takenAndKept(store: LeaseStore, leaseMs: number, renewEveryMs: number) {
    const takenAt = await taken(store, leaseMs);
    return { takenAt, lease: keepLease({ store, name: NAME, owner: "a", leaseMs, takenAt, renewEveryMs }) };
  }

  it("sends one renewal at a time, and one that answers after the release cannot take the lease back", async () => {
    // The first renewal (take 1, sent at 100 ms) answers 400 ms late.
    const { store, seen, real } = leaseStore((take) => (take === 1 ? { lateMs: 400 } : "now"));
    const { lease } = await takenAndKept(store, 3_000, 100);
    await until(
      () => seen.takes,
      (n) => n >= 2,
    );
    await sleep(150);
    // The work ends while the renewal is under way: the release follows it (within its 2 s).
    await lease.release();
    await until(
      () => seen.inFlight,
      (n) => n === 0,
    );
    await sleep(50);
    expect(seen.mostInFlight).toBe(1);
    expect(await real.holder(NAME, Date.now())).toBeNull();
    expect(lease.lost.aborted).toBe(false);
  });

  it("is lost at once when a renewal is refused (another owner holds it)", async () => {
    const { store } = leaseStore((take) => (take === 0 ? "now" : "refuse"));
    const { lease } = await takenAndKept(store, 3_000, 50);
    await until(
      () => lease.lost.aborted,
      (lost) => lost,
    );
    await lease.release();
  });

  it("is lost within two thirds of the lease when a renewal never answers, and the release does not wait for it", async () => {
    const { store, seen } = leaseStore((take) => (take === 1 ? "never" : "now"));
    const { takenAt, lease } = await takenAndKept(store, 600, 100);
    await until(
      () => lease.lost.aborted,
      (lost) => lost,
    );
    // Two thirds of 600 ms, noticed at the next tick.
    expect(Date.now() - takenAt).toBeLessThan(600);
    expect(seen.takes).toBe(2);
    const released = await Promise.race([
      lease.release().then(() => "released"),
      sleep(4_000).then(() => "hung"),
    ]);
    expect(released).toBe("released");
  });

  it("at a stop, waits 2 s at most for a renewal that hangs, whatever the renewal interval", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    try {
      let takes = 0;
      const store: LeaseStore = {
        acquire: () => {
          takes += 1;
          return new Promise<boolean>(() => {});
        },
        release: async () => {},
        holder: async () => null,
      };
      // A 60 s lease (the batches' default) is renewed every 10 s.
      const lease = keepLease({ store, name: NAME, owner: "a:1", leaseMs: 60_000, takenAt: Date.now() });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(takes).toBe(1);
      // Before, the release waited for it for good, then a whole renewal interval (10 s here): all
      // of a shutdown's time.
      expect(await releasedWithin(lease, 2_000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("holds up its caller 2 s at most when the release itself does not answer", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    try {
      const store: LeaseStore = {
        acquire: async () => true,
        // A database that does not answer the DELETE.
        release: () => new Promise<void>(() => {}),
        holder: async () => null,
      };
      const lease = keepLease({ store, name: NAME, owner: "a:1", leaseMs: 60_000, takenAt: Date.now() });
      // Before, a release with no renewal under way waited for the DELETE for good.
      expect(await releasedWithin(lease, 2_000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
