/**
 * A destination run's claim (features/creation/runs.ts), which lets one replica at a time work on a
 * run, kept with lib/lease-keeper.ts. Before: a timer sent a claim every third of its length without
 * waiting for the one before (their answers could land in any order), under one owner name for the
 * whole process, and the release did not wait for a claim under way, so a late claim took the run
 * back after its release and no other replica could resume it until that lapsed; a claim refused
 * was only logged, and the run went on working.
 *
 * The keeper's own cases run over the SQLite run store, its claims answering as each test says; a
 * run that loses its claim runs through the real app against the sandbox, over HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CreationRun } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import type { FastifyBaseLogger } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRunKeeper } from "../src/features/creation/runs.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import type { CreationRunStore, StoredCreationRun, Stores } from "../src/store/types.ts";
import { startCreationStack, stepStatuses } from "./creation-support.ts";
import { until } from "./poll.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Last made, first closed: the app before its stores.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** SQLite stores in a temporary directory, closed and removed after the test. */
function sqliteStores(): Stores {
  const dir = mkdtempSync(path.join(tmpdir(), "clc-creation-claims-"));
  const stores = createSqliteStores(databasePath(dir));
  cleanups.push(async () => {
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return stores;
}

/** A stored run no one has claimed. */
function storedRun(id: string): StoredCreationRun {
  const at = new Date().toISOString();
  return { id, poolId: "eu-west-1_X", status: "failed", createdAt: at, updatedAt: at, data: "{}" };
}

/** Whether another replica could claim the run now (it is free, or its claim has lapsed). */
async function freeForOthers(runs: CreationRunStore, id: string): Promise<boolean> {
  const at = Date.now();
  const taken = await runs.claim(id, { owner: "other-replica", now: at, until: at + 1 });
  if (taken) await runs.release(id, "other-replica");
  return taken;
}

describe("a run's claim, as the run keeper holds it", () => {
  /** The SQLite run store, its claims answering as `answer` says (by their number, from 0); counts them. */
  function runStore(answer: (take: number) => "now" | { lateMs: number }) {
    const real = sqliteStores().creationRuns;
    const seen = { takes: 0, inFlight: 0, mostInFlight: 0 };
    const store: CreationRunStore = {
      ...real,
      async claim(id, claim) {
        const how = answer(seen.takes++);
        seen.inFlight += 1;
        seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
        try {
          // A database that stalls: the claim is applied when it answers.
          if (how !== "now") await sleep(how.lateMs);
          return await real.claim(id, claim);
        } finally {
          seen.inFlight -= 1;
        }
      },
    };
    return { store, real, seen };
  }

  it("sends one renewal at a time, and one that answers after the release cannot take the run back", async () => {
    // The first renewal (claim 1, sent 100 ms after the claim) answers 400 ms late; the release
    // comes while it is under way.
    const { store, real, seen } = runStore((take) => (take === 1 ? { lateMs: 400 } : "now"));
    await real.save(storedRun("run-1"));
    const keeper = createRunKeeper({ log: silent, runStore: store, claimMs: 600 });
    const holding = await keeper.claim("run-1");
    expect(holding).not.toBeNull();
    await until(
      () => seen.takes,
      (n) => n >= 2,
    );
    await sleep(250);
    // The work ends while the renewal is under way: the release follows it.
    if (holding) await keeper.release(holding);
    await until(
      () => seen.inFlight,
      (n) => n === 0,
    );
    await sleep(50);
    expect(seen.mostInFlight).toBe(1);
    expect(await freeForOthers(real, "run-1")).toBe(true);
    expect(holding?.lost.aborted).toBe(false);
  });

  it("holds each claim under a name of its own: a late release of an earlier one leaves a later one alone", async () => {
    const { store, real } = runStore(() => "now");
    await real.save(storedRun("run-1"));
    const keeper = createRunKeeper({ log: silent, runStore: store, claimMs: 60_000 });
    const first = await keeper.claim("run-1");
    expect(first?.owner).toMatch(/^replica_[0-9a-f-]+:[0-9a-f-]{36}$/);
    // The same process, a second time (a resume while a cleanup holds it): refused as for anyone.
    expect(await keeper.claim("run-1")).toBeNull();
    if (first) await keeper.release(first);
    const second = await keeper.claim("run-1");
    expect(second).not.toBeNull();
    // The first holding's release again, as one that answered late would land.
    if (first) await keeper.release(first);
    expect(await freeForOthers(real, "run-1")).toBe(false);
    if (second) await keeper.release(second);
    expect(await freeForOthers(real, "run-1")).toBe(true);
  });

  it("is lost when a renewal is refused (another replica holds the run)", async () => {
    const { store, real } = runStore(() => "now");
    await real.save(storedRun("run-1"));
    const keeper = createRunKeeper({ log: silent, runStore: store, claimMs: 600 });
    const holding = await keeper.claim("run-1");
    // The claim lapses unrenewed (as after a pause of this process) and another replica takes it.
    await real.release("run-1", holding?.owner ?? "");
    const at = Date.now();
    expect(await real.claim("run-1", { owner: "replica-b", now: at, until: at + 60_000 })).toBe(true);
    await until(
      () => holding?.lost.aborted,
      (lost) => lost === true,
    );
    if (holding) await keeper.release(holding);
    // Its release leaves the other replica's claim alone.
    expect(await freeForOthers(real, "run-1")).toBe(false);
  });
});

describe("a run that loses its claim", () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("stops before its next step, says why, and gives the run back", async () => {
    const stores = sqliteStores();
    const real = stores.creationRuns;
    let refuseClaims = false;
    let refused = 0;
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let held = false;
    const runs: CreationRunStore = {
      ...real,
      async save(run, claim) {
        // Held where the run stores its second step as started: the run waits there, claimed.
        const data = JSON.parse(run.data) as { steps?: Array<{ status: string }> };
        if (data.steps?.[1]?.status === "running" && !held) {
          held = true;
          await gate;
        }
        return real.save(run, claim);
      },
      async claim(id, claim) {
        // Another replica holds the run now.
        if (refuseClaims) {
          refused += 1;
          return false;
        }
        return real.claim(id, claim);
      },
    };
    // A claim of 1 s, renewed every sixth of it.
    const stack = await startCreationStack({
      sandbox,
      stores: { ...stores, creationRuns: runs, close: async () => {} },
      env: { CLC_RUN_CLAIM_MS: "1000" },
    });
    cleanups.push(() => stack.close());
    const input = {
      kind: "logGroup",
      poolId: await stack.createPool("claim-lost"),
      eventSource: "userNotification",
      logGroupName: "/aws/vendedlogs/cognito/claim-lost/userNotification",
      retentionInDays: 14,
    };
    const started = await stack.admin.request("POST", "/api/destinations/runs", { body: { input } });
    expect(started.status, started.text).toBe(202);
    const runId = (started.body as { run: CreationRun }).run.id;
    await until(
      () => held,
      (yes) => yes,
    );
    refuseClaims = true;
    await until(
      () => refused,
      (n) => n >= 1,
    );
    openGate();

    let run = (started.body as { run: CreationRun }).run;
    while (run.status === "running") {
      await sleep(20);
      run = (
        (await stack.admin.request("GET", `/api/destinations/runs/${runId}`)).body as { run: CreationRun }
      ).run;
    }
    // The step under way when the claim was lost finished; the next one was not started.
    expect(run.status).toBe("failed");
    expect(stepStatuses(run)).toEqual({
      "create-log-group": "done",
      "set-retention": "done",
      "log-group-policy": "failed",
    });
    expect(run.steps[2]?.error).toMatchObject({
      code: "ClaimLost",
      message: expect.stringContaining("claim"),
      hint: expect.stringContaining("run again"),
    });
    refuseClaims = false;
    await until(
      () => freeForOthers(real, runId),
      (free) => free,
    );
  }, 30_000);
});
